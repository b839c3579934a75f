package dev.tollgate.cli;

/** Bad input named by the user (a path, a catalog): reported in one line, exit code 2. */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
