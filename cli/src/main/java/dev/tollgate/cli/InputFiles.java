package dev.tollgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands the INPUT arguments into the files replay reads, in a stable order. */
final class InputFiles {
  private InputFiles() {}

  static List<Path> expand(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      if (!Files.exists(in)) {
        throw new InputException("no such file or folder: " + in);
      }
      if (!Files.isReadable(in)) {
        throw new InputException("cannot read " + in + ": permission denied");
      }
      if (Files.isDirectory(in)) {
        try (Stream<Path> walk = Files.walk(in)) {
          walk.filter(Files::isRegularFile)
              .filter(InputFiles::supported)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new InputException("cannot list folder " + in + ": " + e.getMessage(), e);
        }
      } else if (supported(in)) {
        files.add(in);
      } else {
        throw new InputException(
            "unsupported input "
                + in
                + " (expected .json, .jsonl, .log or Event Hubs Capture .avro)");
      }
    }
    return files;
  }

  static boolean supported(Path p) {
    String n = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".log") || n.endsWith(".avro");
  }

  static boolean isCapture(Path p) {
    return String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT).endsWith(".avro");
  }

  static boolean isWholeDocument(Path p) {
    return String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json");
  }
}
