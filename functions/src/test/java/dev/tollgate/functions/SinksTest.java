package dev.tollgate.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.pipeline.TollgateSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinksTest {
  private static final DeadLetter LETTER =
      new DeadLetter("dl:hx", "invalid_json", "bad", null, "{", Instant.EPOCH);

  @Test
  void logSummarySinkCountsAndLogsOneLineOnFlush() {
    List<String> lines = new ArrayList<>();
    LogSummarySink sink = new LogSummarySink(CapturingLog.to(lines));

    sink.deadLetter(LETTER);
    sink.flush();

    assertThat(sink.deadLetters()).isEqualTo(1);
    assertThat(lines).containsExactly(sink.summary());
    assertThat(lines.get(0)).contains("placeholder").contains("1 dead letters");
  }

  @Test
  void compositeSinkFeedsEverySinkInOrderAndStopsAtAFailure() {
    List<String> calls = new ArrayList<>();
    TollgateSink failing =
        new Recording("a", calls) {
          @Override
          public void deadLetter(DeadLetter d) {
            throw new IllegalStateException("storage down");
          }
        };
    CompositeSink ok =
        new CompositeSink(List.of(new Recording("a", calls), new Recording("b", calls)));
    ok.deadLetter(LETTER);
    ok.flush();
    assertThat(calls).containsExactly("a:dl", "b:dl", "a:flush", "b:flush");

    calls.clear();
    CompositeSink broken = new CompositeSink(List.of(failing, new Recording("b", calls)));
    assertThatThrownBy(() -> broken.deadLetter(LETTER)).hasMessage("storage down");
    assertThat(calls).isEmpty();
  }

  private static class Recording implements TollgateSink {
    private final String name;
    private final List<String> calls;

    Recording(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public void request(LlmRequest request) {
      calls.add(name + ":req");
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
      calls.add(name + ":dl");
    }

    @Override
    public void aggregate(WindowAggregate aggregate) {
      calls.add(name + ":agg");
    }

    @Override
    public void flush() {
      calls.add(name + ":flush");
    }
  }
}
