package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.postgresql.util.DriverInfo;

class DriverIdentityTest {

  @Test
  void namesTheDriversVersionAndTheJarItWasLoadedFrom() {
    String description = DriverIdentity.describe();

    assertTrue(description.startsWith("PostgreSQL JDBC Driver " + DriverInfo.DRIVER_VERSION + " from file:"), description);
    assertTrue(description.endsWith("/postgresql-" + DriverInfo.DRIVER_VERSION + ".jar"), description);
  }
}
