package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {
  static Document parseXml(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
  }

  static List<Element> elements(Document d, String tag) {
    NodeList nodes = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static CostReport daily() throws Exception {
    return Fixtures.report(
        ReportPeriod.daily(LocalDate.of(2025, 6, 10)), CostReportGoldenTest.budgets());
  }

  @Test
  void isSelfContainedWithNothingToFetch() throws Exception {
    String html = HtmlReport.render(daily());
    String lower = html.toLowerCase(java.util.Locale.ROOT);
    assertThat(lower)
        .startsWith("<!doctype html>")
        .doesNotContain("<script", "<link", "<img", "<iframe", "<object", "<embed")
        .doesNotContain("http://", "https://", "//cdn", "url(", "@import", "@font-face")
        .doesNotContain("src=", "href=")
        .contains("<style>", "<svg");
  }

  @Test
  void isWellFormedAndDrawsEveryChart() throws Exception {
    CostReport r = daily();
    Document doc = parseXml(HtmlReport.render(r));

    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    List<Element> svgs = elements(doc, "svg");
    assertThat(svgs).hasSize(3);
    assertThat(svgs)
        .extracting(s -> s.getAttribute("aria-label"))
        .containsExactly("Cost per day (USD)", "Cost by team (USD)", "Tokens by kind");
    // Cost per day: one bar per day; cost by team: one per team; tokens: four kinds.
    assertThat(svgs.get(0).getElementsByTagName("rect").getLength()).isEqualTo(1);
    assertThat(svgs.get(1).getElementsByTagName("rect").getLength()).isEqualTo(3);
    assertThat(svgs.get(2).getElementsByTagName("rect").getLength()).isEqualTo(4);
    for (Element svg : svgs) {
      NodeList rects = svg.getElementsByTagName("rect");
      double widest = 0;
      for (int i = 0; i < rects.getLength(); i++) {
        Element rect = (Element) rects.item(i);
        double w = Double.parseDouble(rect.getAttribute("width"));
        double h = Double.parseDouble(rect.getAttribute("height"));
        assertThat(w).isGreaterThanOrEqualTo(0);
        assertThat(h).isGreaterThanOrEqualTo(0);
        widest = Math.max(widest, Math.max(w, h));
      }
      assertThat(widest).as("the largest bar is drawn").isGreaterThan(10);
    }
    // The team chart's tooltips carry the readable costs.
    assertThat(svgs.get(1).getTextContent()).contains("team-b: $0.0154", "team-a: $0.009");
    // Budget statuses and the cost card.
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text).contains("$0.0271", "over", "at risk", "Forecast = spent");
    assertThat(elements(doc, "table")).isNotEmpty();
  }

  @Test
  void everyValueIsEscaped() throws Exception {
    String evil = "<script>alert('x')</script>&\"team\"";
    CostReportBuilder b =
        new CostReportBuilder(ReportPeriod.daily(LocalDate.of(2025, 6, 10)), Budgets.none());
    b.accept(
        new UsageRecord(
            Instant.parse("2025-06-10T10:00:00Z"),
            "req:1",
            true,
            evil,
            "p\u0001roduct",
            "<img src=x>",
            "model",
            10,
            5,
            0,
            0,
            "reported",
            new BigDecimal("1.5"),
            "priced",
            null,
            "GatewayLogs",
            evil));
    // The account's own record of calls, so the gateway-bypass table shows the names too.
    b.accept(
        RequestLineReader.parse(
            "{\"time\":\"2025-06-10T10:00:00Z\",\"tollgate.item_id\":\"rr:1\",\"tollgate.llm\":true,"
                + "\"tollgate.record.category\":\"RequestResponse\",\"azure.openai.account\":\"<i>acct\","
                + "\"azure.openai.deployment\":\"<img src=x>\"}"));
    CostReport r = b.build(Instant.parse("2025-06-11T00:00:00Z"), "<b>source</b>");
    String html = HtmlReport.render(r);

    assertThat(html)
        .doesNotContain("<script", "<img", "<b>source", "<i>acct")
        .contains("&lt;script&gt;", "bypassed the gateway");
    Document doc = parseXml(html);
    assertThat(doc.getDocumentElement().getTextContent()).contains(evil, "<img src=x>");
  }

  @Test
  void aLongPeriodAndAnEmptyOneStillRender() throws Exception {
    CostReport year =
        Fixtures.report(
            ReportPeriod.range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)),
            Budgets.none());
    Document doc = parseXml(HtmlReport.render(year));
    assertThat(elements(doc, "svg").get(0).getElementsByTagName("rect").getLength()).isEqualTo(365);

    CostReportBuilder empty =
        new CostReportBuilder(ReportPeriod.daily(LocalDate.of(2020, 1, 1)), Budgets.none());
    String html = HtmlReport.render(empty.build(Instant.EPOCH, "nothing"));
    assertThat(parseXml(html).getDocumentElement().getTextContent())
        .contains("No cost in this period", "No requests in this period");
  }
}
