package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.KnownSecrets;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class MaskingLogTest {

  @Test
  void everyLineAndEveryExceptionItPrintsIsMasked() {
    List<String> printed = new ArrayList<>();
    SystemStreamLog recording = new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        printed.add(content.toString());
      }

      @Override
      public void warn(CharSequence content, Throwable error) {
        printed.add(content + " / " + error);
      }
    };
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Tr4d!ng@2025");
    MaskingLog log = new MaskingLog(recording, secrets);
    log.info("Database postgresql://quant:s3cret@h/db, then Tr4d!ng@2025");
    log.warn("Could not stop", new IllegalStateException("while at postgresql://quant:s3cret@h/db"));
    assertEquals(List.of("Database postgresql://quant:****@h/db, then ****",
        "Could not stop / java.lang.IllegalStateException: while at postgresql://quant:****@h/db"), printed);
  }

  /** Every method of Maven's Log, at every level: the line, the exception, its cause and what it suppressed. */
  @Test
  void everyLevelAndEveryFormPrintsItsLineAndItsExceptionMasked() {
    List<String> printed = new ArrayList<>();
    Log recording = (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] {Log.class},
        (proxy, method, arguments) -> {
          if (method.getName().startsWith("is")) {
            return true;
          }
          printed.add(method.getName() + " " + Arrays.stream(arguments).map(MaskingLogTest::shown)
              .collect(Collectors.joining(" / ")));
          return null;
        });
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Tr4d!ng@2025");
    MaskingLog log = new MaskingLog(recording, secrets);
    String line = "at postgresql://quant:s3cret@h/db as Tr4d!ng@2025";
    IllegalStateException error = new IllegalStateException("failed " + line, new SQLException("password=s3cret"));
    error.addSuppressed(new IllegalArgumentException("closing Tr4d!ng@2025"));

    log.debug(line);
    log.debug(line, error);
    log.debug(error);
    log.info(line);
    log.info(line, error);
    log.info(error);
    log.warn(line);
    log.warn(line, error);
    log.warn(error);
    log.error(line);
    log.error(line, error);
    log.error(error);

    String maskedLine = "at postgresql://quant:****@h/db as ****";
    String maskedError = "java.lang.IllegalStateException: failed " + maskedLine
        + " [suppressed java.lang.IllegalArgumentException: closing ****]"
        + " <- java.sql.SQLException: password=****";
    List<String> expected = new ArrayList<>();
    for (String level : List.of("debug", "info", "warn", "error")) {
      expected.add(level + " " + maskedLine);
      expected.add(level + " " + maskedLine + " / " + maskedError);
      expected.add(level + " " + maskedError);
    }
    assertEquals(expected, printed);
  }

  /** An exception as Maven prints it with -e: itself, what it suppressed, then its causes. */
  private static String shown(Object argument) {
    if (!(argument instanceof Throwable error)) {
      return String.valueOf(argument);
    }
    StringBuilder text = new StringBuilder(error.toString());
    for (Throwable suppressed : error.getSuppressed()) {
      text.append(" [suppressed ").append(suppressed).append(']');
    }
    return error.getCause() == null ? text.toString() : text + " <- " + shown(error.getCause());
  }

  @Test
  void debugLinesAreMaskedUnderDashXAndLeftAloneWhenMavenDropsThem() {
    List<String> printed = new ArrayList<>();
    boolean[] debug = {true};
    SystemStreamLog recording = new SystemStreamLog() {
      @Override
      public boolean isDebugEnabled() {
        return debug[0];
      }

      @Override
      public void debug(CharSequence content) {
        printed.add((debug[0] ? "" : "dropped by Maven: ") + content);
      }
    };
    MaskingLog log = new MaskingLog(recording, new KnownSecrets());
    log.debug("SQL 1/1: CREATE ROLE app LOGIN PASSWORD 'Hunter-2';");
    debug[0] = false;
    log.debug("SQL 1/1: CREATE TABLE t (v text DEFAULT 'x');");
    assertEquals(List.of("SQL 1/1: CREATE ROLE app LOGIN PASSWORD '****';"), printed);
  }
}
