package dev.tollgate.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code requests.jsonl} files written by {@code tollgate replay}, streamed line by line: memory
 * does not grow with the files.
 */
public final class JsonLinesSource implements ReportSource {
  private final List<Path> files;

  public JsonLinesSource(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** The first and last UTC day with an LLM request. */
  public record Days(LocalDate first, LocalDate last) {}

  public List<Path> files() {
    return files;
  }

  @Override
  public void read(LocalDate from, LocalDate to, RecordSink sink) throws IOException {
    for (Path f : files) {
      readFile(f, sink);
    }
  }

  /**
   * A first, cheap pass for the days the files cover, to default a report's dates to the data.
   * Empty when there is no LLM request with a time.
   */
  public Optional<Days> days() throws IOException {
    LocalDate[] range = new LocalDate[2];
    RecordSink scan =
        new RecordSink() {
          @Override
          public void accept(UsageRecord r) {
            LocalDate d = r.day();
            if (!r.llm() || d == null) {
              return;
            }
            if (range[0] == null || d.isBefore(range[0])) {
              range[0] = d;
            }
            if (range[1] == null || d.isAfter(range[1])) {
              range[1] = d;
            }
          }

          @Override
          public void malformed(String location, String reason) {}
        };
    for (Path f : files) {
      readFile(f, scan);
    }
    return range[0] == null ? Optional.empty() : Optional.of(new Days(range[0], range[1]));
  }

  /** Reads one file; an I/O failure names the file and the line it stopped at. */
  private static void readFile(Path f, RecordSink sink) throws IOException {
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        n++;
        try {
          UsageRecord r = RequestLineReader.parse(line);
          if (r != null) {
            sink.accept(r);
          }
        } catch (RequestLineReader.MalformedLineException e) {
          sink.malformed(f + ":" + n, e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw new IOException(f + ":" + (n + 1) + ": not UTF-8 text", e);
    }
  }

  @Override
  public String description() {
    if (files.size() <= 3) {
      return String.join(", ", files.stream().map(Path::toString).toList());
    }
    return files.size() + " files: " + files.get(0) + ", " + files.get(1) + ", ...";
  }
}
