package dev.tollgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tollgate} command line: the same core as the Functions app, over files. */
@Command(
    name = "tollgate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Cost, usage and health of Azure OpenAI traffic seen through API Management.",
    subcommands = {
      ReplayCommand.class,
      DemoCommand.class,
      ReportCommand.class,
      DoctorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TollgateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    List<String> commands =
        spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: "
            + String.join(", ", commands)
            + " (tollgate help COMMAND for its options)");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage or input error). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new TollgateCommand());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InputException) {
            commandLine.getErr().println("tollgate: " + e.getMessage());
            return 2;
          }
          commandLine.getErr().println("tollgate: failed: " + e);
          return 1;
        });
    return cl.execute(args);
  }
}
