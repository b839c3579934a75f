package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's stderr is its own: no logging framework chatter. SLF4J prints its warning once per
 * JVM, on System.err, so this runs the CLI's main in a fresh JVM on the module's runtime classpath.
 */
class CliStderrTest {
  @TempDir Path tmp;

  @Test
  void aReplayOfTextAndCaptureFilesPrintsNothingButItsOwnLinesOnStderr() throws Exception {
    List<String> lines =
        Files.readAllLines(
            ReplayCommandTest.samples().resolve("gateway-logs.jsonl"), StandardCharsets.UTF_8);
    Path in = tmp.resolve("in");
    CaptureFiles.write(
        in.resolve("ns/hub/0/2026/11/20/09/00/00.avro"),
        lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList(),
        1,
        false);
    Files.write(in.resolve("more.jsonl"), lines);
    Path err = tmp.resolve("stderr.txt");
    Path out = tmp.resolve("stdout.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TollgateCommand.class.getName(),
                "replay",
                "--out",
                tmp.resolve("o").toString(),
                in.toString())
            .redirectError(err.toFile())
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("replay finished").isTrue();

    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(out)).contains("TOTAL");
    assertThat(Files.readString(err)).doesNotContainIgnoringCase("slf4j").isBlank();
  }
}
