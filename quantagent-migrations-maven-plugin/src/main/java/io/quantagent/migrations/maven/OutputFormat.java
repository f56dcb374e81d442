package io.quantagent.migrations.maven;

import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/** How {@code current} and {@code history} print: lines in Maven's log, or one JSON document on standard output. */
enum OutputFormat {
  TEXT,
  JSON;

  static OutputFormat parse(String value) throws MojoFailureException {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("-Dquantagent.format=" + value + " is not a format: use text or json.");
    }
  }

  /**
   * JSON goes to standard output, not to Maven's log, so that {@code mvn -q ...} prints exactly the
   * document and nothing else.
   */
  @SuppressWarnings("java:S106")
  static void printDocument(String json) {
    System.out.println(json);
    System.out.flush();
  }
}
