package dev.tollgate.core.model;

/** Outcome classes that alerts fire on. */
public enum ErrorType {
  RATE_LIMITED("rate_limited"),
  CONTENT_FILTER("content_filter"),
  CLIENT_ERROR("client_error"),
  SERVER_ERROR("server_error"),
  TIMEOUT("timeout");

  private final String wireName;

  ErrorType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
