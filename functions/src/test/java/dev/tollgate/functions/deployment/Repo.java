package dev.tollgate.functions.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's files, found from the module's working folder. */
final class Repo {
  private Repo() {}

  /** The repository root: the folder holding {@code bicep/main.bicep} and {@code tools/}. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bicep/main.bicep"))
          && Files.isRegularFile(p.resolve("tools/package.json"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no bicep/main.bicep and tools/package.json above " + Path.of("").toAbsolutePath());
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String relative) {
    return read(path(relative));
  }

  /** Every file under {@code dir} whose name ends with {@code suffix}, sorted. */
  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Bicep files of {@code bicep/}, relative names first-level and modules alike. */
  static List<Path> bicepFiles() {
    return files(path("bicep"), ".bicep");
  }

  /** The main Java sources of every module: {@code <module>/src/main/java/**.java}. */
  static List<Path> mainJavaSources() {
    try (Stream<Path> modules = Files.list(root())) {
      return modules
          .map(m -> m.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .flatMap(d -> files(d, ".java").stream())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = Repo.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
