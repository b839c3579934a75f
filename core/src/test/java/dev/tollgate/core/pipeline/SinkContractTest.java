package dev.tollgate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.testing.SinkContract;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every decorator of {@link Sinks} forwards every method of {@link TollgateSink}, found by
 * reflection.
 */
class SinkContractTest {
  @Test
  void noMethodOfTheContractHasADefault() {
    // A default body is how a wrapper once dropped the end of a run and still compiled.
    assertThat(SinkContract.methods())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.isDefault()).as(m.toString()).isFalse());
  }

  @Test
  void teeForwardsEveryCallToEverySink() {
    for (int n = 1; n <= 3; n++) {
      SinkContract.assertForwardsEveryCall(n, Sinks::tee);
    }
  }

  @Test
  void synchronizedSinkForwardsEveryCall() {
    SinkContract.assertForwardsEveryCall(1, sinks -> Sinks.synchronizedSink(sinks.get(0)));
  }

  @Test
  void aWrapperThatDropsACallFailsTheCheck() {
    // The check itself: a proxy wrapper that forwards every method but one.
    for (Method dropped : SinkContract.methods()) {
      assertThatThrownBy(
              () ->
                  SinkContract.assertForwardsEveryCall(
                      1, sinks -> forwardingAllBut(dropped, sinks.get(0))))
          .as(dropped.getName())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("received");
    }
  }

  @Test
  void everySinkOfATeeFinishesEvenAfterOneFailed() {
    List<String> finished = new ArrayList<>();
    SinkContract.Recorder last = new SinkContract.Recorder();
    TollgateSink down = failingToFinish("ingestion down", finished);
    TollgateSink alsoDown = failingToFinish("storage down", finished);
    TollgateSink tee = Sinks.tee(List.of(down, alsoDown, last.sink));
    RunStats stats = new RunStats();

    assertThatThrownBy(() -> tee.finish(stats))
        .hasMessage("ingestion down")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("storage down"));
    assertThat(finished).containsExactly("ingestion down", "storage down");
    assertThat(last.calls)
        .singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly(stats));
  }

  private static TollgateSink failingToFinish(String message, List<String> finished) {
    return new TollgateSink() {
      @Override
      public void request(LlmRequest request) {}

      @Override
      public void deadLetter(DeadLetter deadLetter) {}

      @Override
      public void aggregate(WindowAggregate aggregate) {}

      @Override
      public void finish(RunStats stats) {
        finished.add(message);
        throw new IllegalStateException(message);
      }
    };
  }

  private static TollgateSink forwardingAllBut(Method dropped, TollgateSink to) {
    return (TollgateSink)
        Proxy.newProxyInstance(
            TollgateSink.class.getClassLoader(),
            new Class<?>[] {TollgateSink.class},
            (proxy, method, args) -> method.equals(dropped) ? null : method.invoke(to, args));
  }
}
