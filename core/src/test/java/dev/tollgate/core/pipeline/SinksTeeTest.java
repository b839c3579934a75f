package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinksTeeTest {
  private static final DeadLetter LETTER =
      new DeadLetter("dl:hx", "invalid_json", "bad", null, "{", Instant.EPOCH);

  @Test
  void feedsEverySinkInOrderAndStopsAtAFailure() {
    List<String> calls = new ArrayList<>();
    TollgateSink ok = Sinks.tee(List.of(new Recording("a", calls), new Recording("b", calls)));
    ok.deadLetter(LETTER);
    ok.finish(new RunStats());
    assertThat(calls).containsExactly("a:dl", "b:dl", "a:finish", "b:finish");

    calls.clear();
    TollgateSink failing =
        new Recording("a", calls) {
          @Override
          public void deadLetter(DeadLetter d) {
            throw new IllegalStateException("storage down");
          }
        };
    TollgateSink broken = Sinks.tee(List.of(failing, new Recording("b", calls)));
    assertThatThrownBy(() -> broken.deadLetter(LETTER)).hasMessage("storage down");
    assertThat(calls).isEmpty();
  }

  @Test
  void oneSinkIsReturnedAsItIs() {
    TollgateSink only = new Recording("a", new ArrayList<>());
    assertThat(Sinks.tee(List.of(only))).isSameAs(only);
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
    public void finish(RunStats stats) {
      calls.add(name + ":finish");
    }
  }
}
