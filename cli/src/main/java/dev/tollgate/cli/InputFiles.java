package dev.tollgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Expands the INPUT arguments into the files replay reads, in a stable order. */
final class InputFiles {
  private InputFiles() {}

  static List<Path> expand(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      checkReadable(in);
      if (Files.isDirectory(in)) {
        files.addAll(walk(in, InputFiles::supported));
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

  /** Fails with a one-line message when the path is missing or unreadable. */
  static void checkReadable(Path in) {
    if (!Files.exists(in)) {
      throw new InputException("no such file or folder: " + in);
    }
    if (!Files.isReadable(in)) {
      throw new InputException("cannot read " + in + ": permission denied");
    }
  }

  /** The regular files below a folder that {@code keep} accepts, sorted. */
  static List<Path> walk(Path folder, Predicate<Path> keep) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new InputException("cannot list folder " + folder + ": " + e.getMessage(), e);
    }
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
