package dev.tollgate.core.testing;

import static java.lang.System.identityHashCode;

import dev.tollgate.core.aggregate.WindowAggregate;
import dev.tollgate.core.model.DeadLetter;
import dev.tollgate.core.model.LlmRequest;
import dev.tollgate.core.parse.EventBody;
import dev.tollgate.core.pipeline.RunStats;
import dev.tollgate.core.pipeline.TollgateSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks of the {@link TollgateSink} contract that discover its methods by reflection, so that a
 * method added to the interface is checked without anyone remembering to: a wrapper that does not
 * forward it fails {@link #assertForwardsEveryCall}.
 */
public final class SinkContract {
  private SinkContract() {}

  /** One call a sink received. */
  public record Call(Method method, List<Object> args) {
    @Override
    public String toString() {
      return method.getName()
          + args.stream()
              .map(
                  a ->
                      a.getClass().getSimpleName() + "@" + Integer.toHexString(identityHashCode(a)))
              .toList();
    }
  }

  /** The interface's methods, by name (static ones excluded: they are not calls to forward). */
  public static List<Method> methods() {
    return Arrays.stream(TollgateSink.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  /**
   * Sample arguments for a method, the same instance for the same type on every call, from a real
   * run (a request, its aggregate, a dead letter, its counters), so they are built as the pipeline
   * builds them.
   */
  public static Object[] arguments(Method m) {
    Map<Class<?>, Object> samples = SampleArguments.INSTANCES;
    Object[] args = new Object[m.getParameterCount()];
    for (int i = 0; i < args.length; i++) {
      Class<?> type = m.getParameterTypes()[i];
      if (!samples.containsKey(type)) {
        throw new AssertionError(
            "SinkContract has no sample " + type.getSimpleName() + " for " + m + ": add one");
      }
      args[i] = samples.get(type);
    }
    return args;
  }

  /** A sink (a {@link Proxy}) that records every call it receives, and does nothing else. */
  public static final class Recorder {
    public final List<Call> calls = new ArrayList<>();
    public final TollgateSink sink =
        (TollgateSink)
            Proxy.newProxyInstance(
                TollgateSink.class.getClassLoader(),
                new Class<?>[] {TollgateSink.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                      case "equals" -> proxy == args[0];
                      case "hashCode" -> identityHashCode(proxy);
                      default -> "Recorder" + calls;
                    };
                  }
                  calls.add(new Call(method, args == null ? List.of() : Arrays.asList(args)));
                  return null;
                });
  }

  /** Calls every method of the interface once, in {@link #methods()} order, with samples. */
  public static List<Call> callEveryMethod(TollgateSink sink) {
    List<Call> made = new ArrayList<>();
    for (Method m : methods()) {
      Object[] args = arguments(m);
      try {
        m.invoke(sink, args);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      } catch (InvocationTargetException e) {
        throw new AssertionError(m.getName() + " threw", e.getCause());
      }
      made.add(new Call(m, Arrays.asList(args)));
    }
    return made;
  }

  /**
   * Wraps {@code delegates} recorders with {@code wrap}, calls every method of the interface once
   * on the result, and fails unless each recorder received exactly those calls: each once, in
   * order, with the very same arguments.
   */
  public static void assertForwardsEveryCall(
      int delegates, Function<List<TollgateSink>, TollgateSink> wrap) {
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < delegates; i++) {
      recorders.add(new Recorder());
    }
    TollgateSink wrapper = wrap.apply(recorders.stream().map(r -> r.sink).toList());
    List<Call> made = callEveryMethod(wrapper);
    for (int i = 0; i < delegates; i++) {
      List<Call> got = recorders.get(i).calls;
      if (!sameCalls(made, got)) {
        throw new AssertionError(
            "delegate " + i + " of " + delegates + " received " + got + ", expected " + made);
      }
    }
  }

  private static boolean sameCalls(List<Call> made, List<Call> got) {
    if (made.size() != got.size()) {
      return false;
    }
    for (int i = 0; i < made.size(); i++) {
      Call a = made.get(i);
      Call b = got.get(i);
      if (!a.method().equals(b.method()) || a.args().size() != b.args().size()) {
        return false;
      }
      for (int j = 0; j < a.args().size(); j++) {
        if (a.args().get(j) != b.args().get(j)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Built once: one request, one dead letter, the window aggregate and the run's counters. */
  private static final class SampleArguments {
    static final Map<Class<?>, Object> INSTANCES = build();

    private static Map<Class<?>, Object> build() {
      Runs.Result run =
          Runs.run(
              Runs.envelope(
                  ApimRecord.call(
                          "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                          "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                          "{\"model\":\"gpt-4o-2024-11-20\",\"usage\":{\"prompt_tokens\":10,"
                              + "\"completion_tokens\":2}}",
                          200)
                      .node()),
              EventBody.ofText("{\"records\":[{", "broken.jsonl"));
      return Map.of(
          LlmRequest.class, run.sink().onlyRequest(),
          DeadLetter.class, only(run.sink().deadLetters),
          WindowAggregate.class, only(run.sink().aggregates),
          RunStats.class, run.stats());
    }

    private static Object only(List<?> items) {
      if (items.size() != 1) {
        throw new AssertionError("expected one sample, got " + items);
      }
      return items.get(0);
    }
  }
}
