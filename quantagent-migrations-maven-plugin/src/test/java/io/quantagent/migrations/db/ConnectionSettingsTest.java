package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.ConnectionSettings.ResolvedConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSettingsTest {
  private static final String CLI = "postgresql://cli@h/cli";
  private static final String ENV = "postgresql://env@h/env";
  private static final Optional<DotEnvFile> DOT_ENV =
      Optional.of(DotEnvFile.parse(Path.of(".env"), List.of("DATABASE_URL=postgresql://dotenv@h/dotenv")));
  private static final String POM = "jdbc:postgresql://h/pom?user=pom";

  /** Each row sets the sources from the winner's level down; blank and empty values count as unset. */
  @ParameterizedTest(name = "{0} wins")
  @CsvSource(nullValues = "NULL", value = {
      "COMMAND_LINE, cli,    true,  true,  true,  true",
      "ENVIRONMENT,  env,    false, true,  true,  true",
      "DOT_ENV_FILE, dotenv, false, false, true,  true",
      "POM,          pom,    false, false, false, true"})
  void theFirstConfiguredSourceWins(ConnectionSource winner, String user, boolean cli, boolean env, boolean dotEnv,
      boolean pom) {
    ConnectionSettings settings = new ConnectionSettings(cli ? CLI : null, env ? ENV : "", dotEnv ? DOT_ENV
        : Optional.empty(), pom ? POM : " ", null, null);
    ResolvedConnection chosen = settings.resolve().orElseThrow();
    assertEquals(winner, chosen.source());
    assertEquals(Optional.of(user), chosen.url().user());
  }

  /** .env is opened only when no higher source is set, so a file that cannot be read fails no other goal. */
  @Test
  void dotEnvIsOpenedOnlyWhenNoHigherSourceIsSet() {
    AtomicInteger reads = new AtomicInteger();
    Supplier<Optional<DotEnvFile>> unreadable = () -> {
      reads.incrementAndGet();
      throw new UncheckedIOException(new IOException("Permission denied"));
    };
    assertEquals(Optional.empty(), ConnectionSettings.dotEnvIfConsulted("postgresql://h/db", null, unreadable));
    assertEquals(Optional.empty(), ConnectionSettings.dotEnvIfConsulted(" ", "postgresql://h/db", unreadable));
    assertEquals(0, reads.get());
    assertThrows(UncheckedIOException.class, () -> ConnectionSettings.dotEnvIfConsulted(null, "", unreadable));
  }

  /** An empty DATABASE_URL= line, as a .env template leaves it, sets no URL: removing it would change nothing. */
  @Test
  void anEmptyDatabaseUrlLineInDotEnvIsNoConfiguredSource() {
    Optional<DotEnvFile> template = Optional.of(DotEnvFile.parse(Path.of(".env"), List.of("DATABASE_URL=")));
    assertEquals(List.of(ConnectionSource.POM),
        new ConnectionSettings(null, null, template, POM, null, null).configuredSources());
  }

  @Test
  void nothingConfiguredMeansEmbedded() {
    assertTrue(new ConnectionSettings(null, null, Optional.empty(), " ", null, null).resolve().isEmpty());
  }

  @Test
  void userAndPasswordPropertiesOverrideTheUrl() {
    ResolvedConnection chosen = new ConnectionSettings(null, "postgresql://u:pw@h/db", Optional.empty(), null,
        "admin", "secret2").resolve().orElseThrow();
    assertEquals(Optional.of("admin"), chosen.url().user());
    assertEquals(Optional.of("secret2"), chosen.url().password());
  }

  @Test
  void aBadUrlSaysWhereItCameFrom() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> new ConnectionSettings(null, "mysql://u:s3cret@h/db", Optional.empty(), null, null, null).resolve());
    assertTrue(e.getMessage().contains("DATABASE_URL environment variable"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void aBadDotEnvLineDoesNotMatterWhenAHigherSourceIsSet() {
    Optional<DotEnvFile> broken = Optional.of(DotEnvFile.parse(Path.of(".env"),
        List.of("DATABASE_URL='postgresql://u:s3cret@h/db", "OTHER x")));
    ConnectionSettings commandLine = new ConnectionSettings(CLI, null, broken, null, null, null);
    ConnectionSettings environment = new ConnectionSettings(null, ENV, broken, null, null, null);
    assertEquals(ConnectionSource.COMMAND_LINE, commandLine.resolve().orElseThrow().source());
    assertEquals(ConnectionSource.ENVIRONMENT, environment.resolve().orElseThrow().source());
    assertEquals(List.of(), commandLine.skippedDotEnvLines(false), "a .env that is not read is not warned about");
    assertEquals(List.of(), environment.skippedDotEnvLines(false), "a .env that is not read is not warned about");
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> new ConnectionSettings(null, " ", broken, POM, null, null).resolve());
    assertTrue(e.getMessage().startsWith(".env line 1 opens a ' quote"), e.getMessage());
  }

  @Test
  void aBadDotEnvLineForAnotherKeyIsSkippedAndSaid() {
    Optional<DotEnvFile> otherBroken = Optional.of(DotEnvFile.parse(Path.of(".env"),
        List.of("API_KEY=\"unclosed", "DATABASE_URL=postgresql://dotenv@h/dotenv # local")));
    ConnectionSettings settings = new ConnectionSettings(null, null, otherBroken, POM, null, null);
    assertEquals(ConnectionSource.DOT_ENV_FILE, settings.resolve().orElseThrow().source());
    assertEquals(List.of(".env line 1 opens a \" quote that no later line closes. Close the quote, or remove it."
        + " Skipped: only DATABASE_URL is read from this file."), settings.skippedDotEnvLines(false));
  }

  /** A consumer's integration tests: quantagent:start's server wins, so a URL meant for another tool is not read. */
  @Test
  void aStartedServerLeavesEverySourceButTheCommandLineUnread() {
    Optional<DotEnvFile> prisma = Optional.of(DotEnvFile.parse(Path.of(".env"),
        List.of("DATABASE_URL=file:./dev.db", "API_KEY=\"unclosed")));
    ConnectionSettings otherTools = new ConnectionSettings(null, "mysql://u:s3cret@h/db", prisma, "jdbc:mysql://h/db",
        null, null);
    assertEquals(Optional.empty(), otherTools.resolve(true));
    InvalidDatabaseUrlException unstarted = assertThrows(InvalidDatabaseUrlException.class, otherTools::resolve);
    assertTrue(unstarted.getMessage().contains("DATABASE_URL environment variable"), unstarted.getMessage());

    ConnectionSettings dotEnvOnly = new ConnectionSettings(null, null, prisma, null, null, null);
    assertEquals(Optional.empty(), dotEnvOnly.resolve(true));
    assertEquals(List.of(), dotEnvOnly.skippedDotEnvLines(true), "a .env that is not read is not warned about");
    assertEquals(1, dotEnvOnly.skippedDotEnvLines(false).size(), "read, it is");
    assertThrows(InvalidDatabaseUrlException.class, dotEnvOnly::resolve, "the .env line is used, and is not PostgreSQL");
  }

  @Test
  void theCommandLineStillWinsOverAStartedServerAndIsStillChecked() {
    ConnectionSettings commandLine = new ConnectionSettings(CLI, "mysql://u:p@h/db", DOT_ENV, POM, null, null);
    assertEquals(ConnectionSource.COMMAND_LINE, commandLine.resolve(true).orElseThrow().source());
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> new ConnectionSettings("postgresql://u:a@b@h/db", ENV, DOT_ENV, POM, null, null).resolve(true));
    assertTrue(e.getMessage().contains("-Dquantagent.url"), e.getMessage());
  }

  @Test
  void printsNoPassword() {
    String shown = new ConnectionSettings("postgresql://u:cl1secret@h/db", "postgresql://u:envs3cret@h/db",
        Optional.empty(), "jdbc:postgresql://h/db?password=poms3cret", "u", "pr0psecret").toString();
    for (String secret : List.of("cl1secret", "envs3cret", "poms3cret", "pr0psecret")) {
      assertFalse(shown.contains(secret), shown);
    }
    assertTrue(shown.contains("commandLineUrl=postgresql://u:****@h/db,") && shown.contains(", password=****]"), shown);
    String none = new ConnectionSettings(null, null, Optional.empty(), null, null, null).toString();
    assertTrue(none.endsWith(", password=null]"), "says there is no password: " + none);
  }

  @Test
  void aBadUrlNamesWhereItCameFrom() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> new ConnectionSettings(null, "postgresql://u:a@b@h/db", Optional.empty(), null, null, null).resolve());
    assertTrue(e.getMessage().startsWith("The database URL from the DATABASE_URL environment variable cannot be used:"),
        e.getMessage());
  }
}
