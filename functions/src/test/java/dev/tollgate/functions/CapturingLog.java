package dev.tollgate.functions;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A logger that keeps its messages, standing in for the Functions context logger. */
final class CapturingLog {
  private CapturingLog() {}

  static Logger to(List<String> lines) {
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    log.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (lines) {
              lines.add(r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    return log;
  }
}
