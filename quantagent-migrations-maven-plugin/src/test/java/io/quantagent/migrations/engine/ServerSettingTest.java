package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerSettingTest {
  private static String describe(String value, String source) {
    return new ServerSetting("statement_timeout", value, source, "app", "trading").describe();
  }

  @Test
  void eachSourceSaysWhereToChangeIt() {
    assertEquals("30s, set for the role app (ALTER ROLE app SET statement_timeout)", describe("30s", "user"));
    assertEquals("1min, set for the database trading (ALTER DATABASE trading SET statement_timeout)",
        describe("1min", "database"));
    assertEquals("5s, set for the role app in the database trading (ALTER ROLE app IN DATABASE trading SET"
        + " statement_timeout)", describe("5s", "database user"));
    assertEquals("2min, set in the server's configuration (postgresql.conf, or ALTER SYSTEM)",
        describe("2min", "configuration file"));
    assertEquals("10s, asked for by the connection (the URL's options=-c statement_timeout=..., or PGOPTIONS)",
        describe("10s", "client"));
    assertEquals("10s, whose source pg_settings gives as 'environment variable'",
        describe("10s", "environment variable"));
  }

  @Test
  void theSettingIsNamedInWhatToChange() {
    assertEquals("1h, set for the role app (ALTER ROLE app SET transaction_timeout)",
        new ServerSetting("transaction_timeout", "1h", "user", "app", "trading").describe());
  }

  /** The SQL it says to run names a role or database of any spelling as PostgreSQL reads it back. */
  @Test
  void aNameThatIsNoPlainIdentifierIsQuotedInTheSqlButNotInTheProse() {
    assertEquals("5s, set for the role AppUser in the database qa-trading (ALTER ROLE \"AppUser\" IN DATABASE"
        + " \"qa-trading\" SET statement_timeout)",
        new ServerSetting("statement_timeout", "5s", "database user", "AppUser", "qa-trading").describe());
  }

  @Test
  void zeroOrASettingTheServerLacksIsNoLimit() {
    assertFalse(new ServerSetting("statement_timeout", "0", "default", "app", "trading").limits());
    assertFalse(new ServerSetting("transaction_timeout", null, null, "app", "trading").limits());
    assertTrue(new ServerSetting("statement_timeout", "100ms", "user", "app", "trading").limits());
  }
}
