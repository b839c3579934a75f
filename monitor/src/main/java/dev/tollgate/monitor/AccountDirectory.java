package dev.tollgate.monitor;

import java.util.List;

/** The accounts the jobs watch. */
public interface AccountDirectory {
  /**
   * @throws MetricsQueryException when they cannot be listed
   */
  List<Account> accounts();
}
