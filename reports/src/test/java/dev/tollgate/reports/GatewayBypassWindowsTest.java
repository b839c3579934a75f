package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bypass is taken window by window, so busy gateway hours cannot hide bypass in other hours. */
class GatewayBypassWindowsTest {
  private static UsageRecord line(String time, String category, String account) throws Exception {
    return RequestLineReader.parse(
        ("{\"time\":\"%s\",\"tollgate.llm\":true,\"gen_ai.provider.name\":\"azure.ai.openai\","
                + "\"azure.openai.deployment\":\"gpt-4o\",\"tollgate.record.category\":\"%s\","
                + "\"azure.openai.account\":%s}")
            .formatted(time, category, account == null ? "null" : "\"" + account + "\""));
  }

  @Test
  void accountCallsInAWindowTheGatewayDidNotSeeAreBypassEvenWhenTheDayBalances() throws Exception {
    GatewayBypass b = new GatewayBypass();
    // 10:00: two calls straight to the account; 12:00: two through APIM the account did not log
    b.account(line("2025-06-10T10:00:10Z", "RequestResponse", "aoai-eu"));
    b.account(line("2025-06-10T10:01:10Z", "RequestResponse", "aoai-eu"));
    b.gateway(line("2025-06-10T12:00:10Z", "GatewayLogs", "aoai-eu"));
    b.gateway(line("2025-06-10T12:00:20Z", "GatewayLogs", null));
    // 14:00: the same call in both logs, stamped a few milliseconds apart
    b.account(line("2025-06-10T14:00:58.120Z", "RequestResponse", "aoai-eu"));
    b.gateway(line("2025-06-10T14:00:58.310Z", "GatewayLogs", "aoai-eu"));

    BypassedDeployment row = b.rows().get(0);
    assertThat(row.accountRequests()).isEqualTo(3);
    assertThat(row.gatewayRequests()).isEqualTo(3);
    assertThat(row.bypassRequests()).isEqualTo(2);
  }
}
