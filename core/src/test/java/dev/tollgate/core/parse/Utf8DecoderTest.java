package dev.tollgate.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8DecoderTest {
  private final Utf8Decoder utf8 = new Utf8Decoder();

  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void decodesValidTextOfEveryLengthOfSequence() {
    String s = "{\"p\":\"caf\u00e9 \u20ac \ud83d\ude00\"}";
    Utf8Decoder.Decoded d = utf8.decode(s.getBytes(StandardCharsets.UTF_8));
    assertThat(d.valid()).isTrue();
    assertThat(d.text()).isEqualTo(s);
    assertThat(d.firstBadByte()).isEqualTo(-1);
    assertThat(utf8.decode(new byte[0]).text()).isEmpty();
  }

  @Test
  void findsTheFirstBadByteOfEachKindOfMalformedInput() {
    // "ab" then: Latin-1 é, a lone continuation byte, an overlong '/', a UTF-16 surrogate, 0xFF,
    // and a sequence cut short at the end
    int[][] bad = {{0xE9, 'x'}, {0x80}, {0xC0, 0xAF}, {0xED, 0xA0, 0x80}, {0xFF}, {0xE2, 0x82}};
    for (int[] tail : bad) {
      int[] all = new int[2 + tail.length];
      all[0] = 'a';
      all[1] = 'b';
      System.arraycopy(tail, 0, all, 2, tail.length);
      Utf8Decoder.Decoded d = utf8.decode(bytes(all));
      assertThat(d.valid()).as("bytes %s", java.util.Arrays.toString(tail)).isFalse();
      assertThat(d.text()).isNull();
      assertThat(d.firstBadByte()).as("bytes %s", java.util.Arrays.toString(tail)).isEqualTo(2);
    }
  }

  @Test
  void decodesOnlyTheGivenRangeAndCountsFromItsStart() {
    byte[] b = bytes(0xFF, '{', '}', 0xFF, 'z', 0x80);
    assertThat(utf8.decode(b, 1, 2).text()).isEqualTo("{}");
    assertThat(utf8.decode(b, 4, 2).firstBadByte()).isEqualTo(1);
    // one decoder, reused after an error, still decodes the next input right
    assertThat(utf8.decode(b, 1, 2).text()).isEqualTo("{}");
  }
}
