package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium, offline, and checks in the screenshot that every
 * chart was drawn: each chart's bars have a colour of their own, and each colour must cover a
 * visible area. Skipped when no Chromium is installed ({@code apt-get install chromium}; or name
 * the binary in {@code TOLLGATE_CHROMIUM}).
 */
class HtmlChromiumTest {
  @TempDir Path tmp;

  static Path chromium() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("TOLLGATE_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(
        List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable"));
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  @Test
  void chromiumDrawsEveryChart() throws Exception {
    Path chromium = chromium();
    assumeTrue(chromium != null, "no Chromium installed: skipped");
    CostReport r =
        Fixtures.report(
            ReportPeriod.weekly(LocalDate.of(2025, 6, 10)), CostReportGoldenTest.budgets());
    Path html =
        Files.writeString(tmp.resolve("report.html"), HtmlReport.render(r), StandardCharsets.UTF_8);
    Path png = tmp.resolve("report.png");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"),
                "--window-size=1200,3000",
                "--screenshot=" + png,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("chromium.log").toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    assertThat(png).as(Files.readString(tmp.resolve("chromium.log"))).isRegularFile();

    BufferedImage img = ImageIO.read(new File(png.toString()));
    // Cost per day, cost by team, and the four kinds of tokens.
    for (String color :
        List.of(
            SvgCharts.BAR,
            SvgCharts.TEAM_BAR,
            SvgCharts.INPUT,
            SvgCharts.CACHED,
            SvgCharts.OUTPUT,
            SvgCharts.REASONING)) {
      assertThat(pixels(img, color)).as("pixels of %s", color).isGreaterThan(50);
    }
  }

  private static int pixels(BufferedImage img, String hex) {
    int want = Integer.parseInt(hex.substring(1), 16);
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (close(rgb, want)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean close(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 4) {
        return false;
      }
    }
    return true;
  }
}
