package dev.tollgate.azure.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link Azurite} parameter. One Azurite serves the whole test run (started on first
 * use, stopped when the run ends); tests isolate themselves by container name. A missing Azurite
 * fails the test class with the command that installs it.
 */
public final class AzuriteExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(AzuriteExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    azurite(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Azurite.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return azurite(context);
  }

  private static Azurite azurite(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(
            Azurite.class,
            k -> {
              try {
                return Azurite.start();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not start Azurite", e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Azurite", e);
              }
            },
            Azurite.class);
  }
}
