package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What MyBatis operations print (the SQL they run), sent line by line to the debug log. Bytes are decoded
 * per whole line, so multi-byte UTF-8 characters survive.
 */
final class LogPrintStream extends OutputStream {
  private final EventLog log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private LogPrintStream(EventLog log) {
    this.log = log;
  }

  static PrintStream debug(EventLog log) {
    return new PrintStream(new LogPrintStream(log), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      flushLine();
    } else if (b != '\r') {
      line.write(b);
    }
  }

  @Override
  public void close() {
    flushLine();
  }

  private void flushLine() {
    if (line.size() > 0) {
      log.debug(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
