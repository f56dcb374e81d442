package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.KnownSecrets;
import java.util.ArrayList;
import java.util.List;
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
