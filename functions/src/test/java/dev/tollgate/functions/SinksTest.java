package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.pipeline.RunStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinksTest {
  private static final DeadLetter LETTER =
      new DeadLetter("dl:hx", "invalid_json", "bad", null, "{", Instant.EPOCH);

  @Test
  void logSummarySinkCountsAndLogsOneLineAtTheEndOfTheRun() {
    List<String> lines = new ArrayList<>();
    LogSummarySink sink = new LogSummarySink(CapturingLog.to(lines));

    sink.deadLetter(LETTER);
    sink.finish(new RunStats());

    assertThat(sink.deadLetters()).isEqualTo(1);
    assertThat(lines).containsExactly(sink.summary());
    assertThat(lines.get(0)).contains("not delivered").contains("1 dead letters");
  }
}
