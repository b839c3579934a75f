package dev.tollgate.cli;

import dev.tollgate.appinsights.AppInsightsSettings;
import dev.tollgate.core.enrich.EnrichOptions;
import dev.tollgate.core.output.JsonLinesSink;
import dev.tollgate.core.pipeline.Pipeline;
import dev.tollgate.core.pipeline.Run;
import dev.tollgate.core.pipeline.Sinks;
import dev.tollgate.core.pipeline.TollgateSink;
import dev.tollgate.core.price.DeploymentType;
import dev.tollgate.core.price.PriceCatalog;
import dev.tollgate.otel.OtlpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate replay}: runs gateway logs from files through the core, for trials and backfills.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Enrich APIM gateway logs from files: Event Hub bodies in .json/.jsonl/.log files,",
      "or Event Hubs Capture .avro files. Writes requests.jsonl, aggregates.jsonl and",
      "deadletter.jsonl to the output folder and prints a summary."
    })
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--window-lateness",
      paramLabel = "MINUTES",
      defaultValue = "5",
      description =
          "Write each 1-minute aggregate once records are this many minutes past it, so memory"
              + " stays flat over any span; later records start a separate aggregate of their"
              + " window (default: ${DEFAULT-VALUE}).")
  int windowLatenessMinutes = 5;

  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "Price catalog file whose entries override the shipped list prices.")
  Path catalog;

  @Option(names = "--mask-ip", description = "Zero the last octet of caller IP addresses.")
  boolean maskIp;

  @Option(
      names = "--end-user-header",
      paramLabel = "NAME",
      description = "Logged request header that carries an end-user or app id.")
  String endUserHeader;

  @Option(
      names = "--deployment-type",
      paramLabel = "TYPE",
      defaultValue = "global",
      description = "Deployment type for pricing: global, data_zone, regional, batch, provisioned.")
  String deploymentType;

  @Option(
      names = "--deployment-types",
      paramLabel = "SPEC",
      description = "Per-deployment types, e.g. gpt-4o=data_zone,ada=regional.")
  String deploymentTypes;

  /** Settings from the environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Files or folders to read.")
  List<Path> inputs;

  @Override
  public Integer call() throws IOException {
    return replay(spec.commandLine(), inputs, out);
  }

  int replay(CommandLine cl, List<Path> in, Path outDir) throws IOException {
    List<Path> files = InputFiles.expand(in);
    if (windowLatenessMinutes < 0) {
      throw new InputException("--window-lateness must be 0 or more minutes");
    }
    Pipeline pipeline =
        Pipeline.builder()
            .catalog(loadCatalog())
            .options(options())
            .windowLateness(Duration.ofMinutes(windowLatenessMinutes))
            .build();
    ProgressMeter progress = new ProgressMeter(cl.getErr(), totalSize(files));
    SummarySink summary = new SummarySink();
    Run run;
    try (JsonLinesSink output = new JsonLinesSink(outDir)) {
      List<TollgateSink> sinks = telemetry(output, cl);
      sinks.add(summary);
      run = pipeline.start(Sinks.tee(sinks));
      for (Path f : files) {
        try {
          BodySources.read(f, run, progress::add);
        } catch (IOException | UncheckedIOException e) {
          throw new InputException("cannot read " + f + ": " + e.getMessage(), e);
        }
      }
      run.close();
    }
    progress.finish();
    SummaryTable.print(cl.getOut(), summary, run.stats(), outDir);
    return 0;
  }

  /**
   * The files, plus Application Insights when {@code APPLICATIONINSIGHTS_CONNECTION_STRING} is set
   * (so a backfill lands there with the requests' own timestamps) and OTLP when {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT} is. Items the service rejects are written to deadletter.jsonl.
   */
  private List<TollgateSink> telemetry(JsonLinesSink files, CommandLine cl) {
    List<TollgateSink> sinks = new ArrayList<>();
    sinks.add(files);
    try {
      AppInsightsSettings.sink(environment, "replay", files::deadLetter)
          .ifPresent(
              s -> {
                cl.getErr().println("replay: also sending to Application Insights");
                sinks.add(s);
              });
      OtlpSettings.sink(environment)
          .ifPresent(
              s -> {
                cl.getErr().println("replay: also exporting over OTLP");
                sinks.add(s);
              });
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InputException(e.getMessage(), e);
    }
    return sinks;
  }

  private PriceCatalog loadCatalog() {
    if (catalog == null) {
      return PriceCatalog.builtIn();
    }
    if (!Files.isRegularFile(catalog)) {
      throw new InputException("cannot read price catalog " + catalog + ": no such file");
    }
    try {
      return PriceCatalog.withOverride(catalog);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  private EnrichOptions options() {
    try {
      return new EnrichOptions(
          maskIp,
          endUserHeader,
          DeploymentType.parse(deploymentType),
          EnrichOptions.parseDeploymentTypes(deploymentTypes));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
    }
  }

  private static long totalSize(List<Path> files) {
    long n = 0;
    for (Path f : files) {
      try {
        n += Files.size(f);
      } catch (IOException e) {
        throw new InputException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return n;
  }
}
