package dev.tollgate.cli;

import dev.tollgate.loganalytics.LogAnalyticsSettings;
import dev.tollgate.monitor.Doctor;
import dev.tollgate.monitor.MonitorSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate doctor}: checks that APIM streams its gateway logs with bodies to the Event Hub,
 * that the accounts send their logs, and that this identity (DefaultAzureCredential: your Azure CLI
 * or IDE sign-in here) can read what Tollgate needs. Settings come from the environment (the same
 * names as the app settings); options override them.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the Azure setup Tollgate depends on and print what is missing and how to fix it.",
      "Reads the app settings from the environment (TOLLGATE_APIM_RESOURCE_ID,",
      "TOLLGATE_AOAI_ACCOUNT_IDS, TOLLGATE_AOAI_SUBSCRIPTIONS, TOLLGATE_LA_WORKSPACE_ID, ...);",
      "the options below override them. Exit code 0 when nothing failed, 1 otherwise."
    })
final class DoctorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The settings read; tests replace them. */
  Map<String, String> environment = System.getenv();

  @Option(names = "--apim", paramLabel = "ID", description = "API Management resource id.")
  String apim;

  @Option(
      names = "--account",
      paramLabel = "ID",
      description = "Azure OpenAI / AI Services account resource id (repeatable).")
  List<String> accounts;

  @Option(
      names = "--subscription",
      paramLabel = "ID",
      description = "Check every account in this subscription (repeatable).")
  List<String> subscriptions;

  @Option(names = "--workspace", paramLabel = "GUID", description = "Log Analytics workspace id.")
  String workspace;

  @Option(names = "--event-hub", paramLabel = "NAME", description = "Event hub APIM streams to.")
  String eventHub;

  @Option(names = "--json", description = "Print the checks as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Map<String, String> env = new HashMap<>(environment);
    put(env, MonitorSettings.APIM_RESOURCE_ID, apim);
    put(env, MonitorSettings.ACCOUNT_IDS, accounts == null ? null : String.join(",", accounts));
    put(
        env,
        MonitorSettings.SUBSCRIPTIONS,
        subscriptions == null ? null : String.join(",", subscriptions));
    put(env, LogAnalyticsSettings.WORKSPACE_ID, workspace);
    put(env, "TOLLGATE_EVENTHUB_NAME", eventHub);
    Doctor.Result result;
    try {
      result = Doctor.fromSettings(env).run();
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .print(json ? result.json() + System.lineSeparator() : result.text());
    spec.commandLine().getOut().flush();
    return result.healthy() ? 0 : 1;
  }

  private static void put(Map<String, String> env, String key, String value) {
    if (value != null && !value.isBlank()) {
      env.put(key, value);
    }
  }
}
