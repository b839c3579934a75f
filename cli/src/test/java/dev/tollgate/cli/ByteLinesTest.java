package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLinesTest {
  /** Each line as "offset:text", then the bytes consumed. */
  static List<String> split(String s) throws IOException {
    byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
    ByteLines lines = new ByteLines(new ByteArrayInputStream(in));
    List<String> out = new ArrayList<>();
    while (lines.advance()) {
      out.add(
          lines.offset()
              + ":"
              + new String(lines.bytes(), 0, lines.length(), StandardCharsets.ISO_8859_1));
    }
    out.add("end " + lines.consumed());
    return out;
  }

  @Test
  void splitsAtEveryLineEndingReadLineKnowsWithOffsetsOfEachLine() throws IOException {
    assertThat(split("a\nbc\r\nd\re")).containsExactly("0:a", "2:bc", "6:d", "8:e", "end 9");
    assertThat(split("a\n\nb\r\n")).containsExactly("0:a", "2:", "3:b", "end 6");
    assertThat(split("x\r\r\ny\r")).containsExactly("0:x", "2:", "4:y", "end 6");
    assertThat(split("")).containsExactly("end 0");
  }

  @Test
  void keepsBytesThatAreNotTextAndLinesLongerThanItsBuffers() throws IOException {
    String longLine = "\u00ff".repeat(200_000);
    assertThat(split("\u00e9\n" + longLine + "\nz"))
        .containsExactly("0:\u00e9", "2:" + longLine, "200003:z", "end 200004");
  }
}
