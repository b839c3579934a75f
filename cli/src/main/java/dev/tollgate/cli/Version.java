package dev.tollgate.cli;

import picocli.CommandLine;

/** Version from the jar manifest, when built. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"tollgate " + (v == null ? "dev" : v)};
  }
}
