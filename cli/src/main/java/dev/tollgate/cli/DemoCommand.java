package dev.tollgate.cli;

import dev.tollgate.core.output.JsonLinesSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate demo}: replay over the sample gateway logs bundled in {@code samples/}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Replay the bundled sample gateway logs and build their cost report (no Azure account"
            + " needed).")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out/demo",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "Sample folder (default: samples/ of the Tollgate checkout).")
  Path samples;

  @Override
  public Integer call() throws IOException {
    Path dir =
        samples != null ? samples : Path.of(System.getProperty("tollgate.home", "."), "samples");
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          "sample folder not found: " + dir + " (run from the Tollgate checkout)");
    }
    ReplayCommand replay = new ReplayCommand();
    replay.spec = spec;
    replay.deploymentType = "global";
    int code = replay.replay(spec.commandLine(), List.of(dir), out);
    if (code != 0) {
      return code;
    }
    // Then the finance view of the same records: the cost report replay's output feeds.
    spec.commandLine().getOut().println();
    CommandLine report = new CommandLine(new ReportCommand());
    report.setOut(spec.commandLine().getOut());
    report.setErr(spec.commandLine().getErr());
    report.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
    return report.execute(
        "--out", out.resolve("report").toString(), out.resolve(JsonLinesSink.REQUESTS).toString());
  }
}
