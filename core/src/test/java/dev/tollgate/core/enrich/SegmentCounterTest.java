package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The segmented, remembered count must equal jtokkit's count of the whole text, always: on every
 * reference file in the repository and on seeded random text built from the characters that decide
 * where the encodings' pieces end (letters of several scripts and cases, combining marks, digits,
 * apostrophes and contractions, punctuation, spaces, tabs and line breaks).
 */
class SegmentCounterTest {
  static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  static final String[] ATOMS = {
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    " \n",
    "'s",
    "'S",
    "'t",
    "'re",
    "'VE",
    "'ll",
    "'d",
    "'m",
    "'",
    "\u2019",
    "a",
    "e",
    "the",
    "The",
    "THE",
    "word",
    "Word",
    "wORD",
    "x",
    "I",
    "é",
    "É",
    "e\u0301",
    "\u0301",
    "ß",
    "ǅ",
    "\u02B0",
    "日本語",
    "中",
    "ش",
    "русский",
    "Ω",
    "ω",
    "1",
    "12",
    "1234567",
    "\u0663",
    ".",
    ",",
    "!",
    "?",
    "...",
    "-",
    "/",
    "//",
    "\"",
    "{",
    "}",
    ":",
    "$",
    "€",
    "😀",
    "\uD83D\uDE00\uD83D\uDE00",
    "_",
    "@",
    "#",
    "<|",
    "__init__",
    "foo_bar",
    "camelCase",
    "HTTPServer",
    "I'm",
    "don't",
    "DON'T",
    "l'été",
    "co-op",
    "e-mail",
    "3.14",
  };

  static Stream<EncodingType> encodings() {
    return Stream.of(EncodingType.O200K_BASE, EncodingType.CL100K_BASE);
  }

  /** 5,000 seeded random texts, each counted both ways. */
  static void assertSameCounts(SegmentCounter counter, Encoding encoding, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      String text = randomText(random, 1 + random.nextInt(60));
      assertThat(counter.count(text))
          .as("text %s", text.replace("\n", "\\n"))
          .isEqualTo(encoding.countTokensOrdinary(text));
    }
  }

  static String randomText(Random random, int atoms) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < atoms; i++) {
      b.append(ATOMS[random.nextInt(ATOMS.length)]);
    }
    return b.toString();
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void equalsTheWholeTextCountOnRandomText(EncodingType type) {
    Encoding encoding = REGISTRY.getEncoding(type);
    SegmentCounter counter = new SegmentCounter(encoding);
    assertSameCounts(counter, encoding, 20261122L + type.ordinal());
    // A second pass answers from what it remembered, with the same results.
    assertSameCounts(counter, encoding, 20261122L + type.ordinal());
    assertThat(counter.remembered()).isGreaterThan(100);
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void equalsTheWholeTextCountOnEveryReferenceFile(EncodingType type) throws IOException {
    Encoding encoding = REGISTRY.getEncoding(type);
    SegmentCounter counter = new SegmentCounter(encoding);
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    long tokens = 0;
    for (Path f : files) {
      String text = TokenEstimator.wellFormed(read(f));
      int expected = encoding.countTokensOrdinary(text);
      assertThat(counter.count(text)).as("%s", f).isEqualTo(expected);
      tokens += expected;
    }
    assertThat(tokens).isGreaterThan(10_000);
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void aFullMemoryStartsAgainAndStaysRight(EncodingType type) {
    Encoding encoding = REGISTRY.getEncoding(type);
    SegmentCounter counter = new SegmentCounter(encoding);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < SegmentCounter.MAX_FILLED + 10_000; i++) {
      b.append(" w");
      for (int n = i; n > 0; n /= 26) {
        b.append((char) ('a' + n % 26));
      }
    }
    String text = b.toString();
    assertThat(counter.count(text)).isEqualTo(encoding.countTokensOrdinary(text));
    // It filled up and started again.
    assertThat(counter.remembered()).isPositive().isLessThan(SegmentCounter.MAX_FILLED);
    // And counts what it forgot again, right.
    assertThat(counter.count(text)).isEqualTo(encoding.countTokensOrdinary(text));
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
