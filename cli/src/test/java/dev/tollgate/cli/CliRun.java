package dev.tollgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the {@code tollgate} command line: its exit code and what it printed. Input
 * errors exit 2 as in {@link TollgateCommand#execute}; any other exception is rethrown so the test
 * fails with it.
 */
record CliRun(int code, String out, String err) {

  static CliRun run(String... args) {
    return execute(CommandLine.defaultFactory(), args);
  }

  /** Runs with {@code command} (e.g. one given a fixed clock) as the subcommand of its class. */
  static CliRun runWith(Object command, String... args) {
    return execute(
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            return cls == command.getClass()
                ? cls.cast(command)
                : CommandLine.defaultFactory().create(cls);
          }
        },
        args);
  }

  private static CliRun execute(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new TollgateCommand(), factory);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof InputException) {
            c.getErr().println("tollgate: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
