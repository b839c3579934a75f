package dev.tollgate.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KqlQueryTest {
  private static final String TEXT =
      """
      // Throttled calls per subscription.
      // answers: who is throttled?
      // scope: workspace
      // timespan: PT2H
      // poll: yes
      // parameters:
      //   lookback (timespan, default 1h): how far back.
      declare query_parameters(
          start_time:datetime = datetime(null),
          lookback:timespan = 1h, // a comment, with a comma
          names:dynamic = dynamic(["a,b", "c)"]),
          label:string = "x;y",
          threshold:real);
      ApiManagementGatewayLogs
      | where TimeGenerated > ago(lookback)
      """;

  @Test
  void readsTheHeaderAndTheParameters() {
    KqlQuery q = KqlQuery.parse("throttled.kql", TEXT);

    assertThat(q.title()).isEqualTo("Throttled calls per subscription.");
    assertThat(q.scope()).isEqualTo(KqlQuery.Scope.WORKSPACE);
    assertThat(q.timespan()).contains(Duration.ofHours(2));
    assertThat(q.pollable()).isTrue();
    assertThat(q.stem()).isEqualTo("throttled");
    assertThat(q.header()).containsEntry("answers", "who is throttled?");
    assertThat(q.parameters())
        .containsExactly(
            new KqlQuery.Parameter("start_time", "datetime", "datetime(null)"),
            new KqlQuery.Parameter("lookback", "timespan", "1h"),
            new KqlQuery.Parameter("names", "dynamic", "dynamic([\"a,b\", \"c)\"])"),
            new KqlQuery.Parameter("label", "string", "\"x;y\""),
            new KqlQuery.Parameter("threshold", "real", null));
  }

  @Test
  void renderReplacesTheDeclareStatementWithLets() {
    KqlQuery q = KqlQuery.parse("throttled.kql", TEXT);

    String kql = q.render(Map.of("threshold", "0.05", "start_time", "2025-06-01T10:00:00Z"));

    assertThat(kql)
        .doesNotContain("declare query_parameters")
        .contains("// scope: workspace")
        .contains(
            """
            let start_time = datetime(2025-06-01T10:00:00Z);
            let lookback = 1h;
            let names = dynamic(["a,b", "c)"]);
            let label = "x;y";
            let threshold = real(0.05);
            ApiManagementGatewayLogs
            """);
  }

  @Test
  void aParameterWithoutDefaultNeedsAValue() {
    KqlQuery q = KqlQuery.parse("throttled.kql", TEXT);

    assertThatThrownBy(q::render)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold has no default");
  }

  @Test
  void valuesAreValidatedNotPasted() {
    KqlQuery q = KqlQuery.parse("throttled.kql", TEXT);

    assertThatThrownBy(() -> q.render(Map.of("threshold", "1; ApiManagementGatewayLogs | take 1")))
        .hasMessageContaining("throttled.kql")
        .hasMessageContaining("threshold")
        .hasMessageContaining("not a valid real");
    assertThatThrownBy(() -> q.render(Map.of("nope", "1")))
        .hasMessageContaining("has no parameter 'nope'");
    String label = q.render(Map.of("threshold", "1", "label", "\"); drop\\"));
    assertThat(label).contains("let label = \"\\\"); drop\\\\\";");
  }

  @Test
  void aQueryWithoutParametersRendersUnchanged() {
    String text = "// Count.\n// scope: appinsights\ncustomEvents | count\n";
    KqlQuery q = KqlQuery.parse("count.kql", text);

    assertThat(q.parameters()).isEmpty();
    assertThat(q.render()).isEqualTo(text);
    assertThat(q.pollable()).isFalse();
    assertThat(q.timespan()).isEmpty();
  }

  @Test
  void aDeclareInsideACommentOrStringIsNotTheStatement() {
    String text =
        "// Tricky.\n// scope: workspace\n// declare query_parameters(x:long = 1);\n"
            + "print s = \"declare query_parameters(y:long = 2);\"\n";
    KqlQuery q = KqlQuery.parse("tricky.kql", text);

    assertThat(q.parameters()).isEmpty();
    assertThat(q.render()).isEqualTo(text);
  }

  @Test
  void malformedFilesNameTheProblem() {
    assertThatThrownBy(() -> KqlQuery.parse("a.kql", "print 1"))
        .hasMessageContaining("a.kql")
        .hasMessageContaining("no title");
    assertThatThrownBy(() -> KqlQuery.parse("b.kql", "// Title.\nprint 1"))
        .hasMessageContaining("no '// scope:' header line");
    assertThatThrownBy(() -> KqlQuery.parse("c.kql", "// Title.\n// scope: cluster\nprint 1"))
        .hasMessageContaining("unknown scope 'cluster'");
    assertThatThrownBy(
            () ->
                KqlQuery.parse(
                    "d.kql", "// T.\n// scope: workspace\ndeclare query_parameters(x:long = 1)\n"))
        .hasMessageContaining("must end with ';'");
    assertThatThrownBy(
            () ->
                KqlQuery.parse(
                    "e.kql", "// T.\n// scope: workspace\ndeclare query_parameters(x = 1);\n"))
        .hasMessageContaining("cannot read query parameter");
    KqlQuery badSpan = KqlQuery.parse("f.kql", "// T.\n// scope: workspace\n// timespan: 2h\n");
    assertThatThrownBy(badSpan::timespan).hasMessageContaining("not an ISO-8601 duration");
  }
}
