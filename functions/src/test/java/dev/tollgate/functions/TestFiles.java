package dev.tollgate.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources and repository files. */
final class TestFiles {
  private TestFiles() {}

  static String resource(String name) {
    try (InputStream in = TestFiles.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: the folder holding {@code tools/package.json}. */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tools/package.json"))) {
        return p;
      }
    }
    throw new IllegalStateException("no tools/package.json above " + Path.of("").toAbsolutePath());
  }
}
