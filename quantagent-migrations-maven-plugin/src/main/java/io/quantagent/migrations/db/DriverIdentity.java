package io.quantagent.migrations.db;

import java.security.CodeSource;
import org.postgresql.Driver;

/**
 * Which pgjdbc a goal runs and where it was loaded from: a user may pin another driver in the plugin's
 * {@code <dependencies>}, and {@code mvn -X} shows which one is in use.
 */
final class DriverIdentity {
  private DriverIdentity() {}

  static String describe() {
    CodeSource source = Driver.class.getProtectionDomain().getCodeSource();
    String location = source == null || source.getLocation() == null
        ? "an unknown location"
        : source.getLocation().toString();
    return Driver.getVersion() + " from " + location;
  }
}
