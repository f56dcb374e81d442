package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevDatabaseNoticeTest {
  private static final String DEVELOPMENT = "jdbc:postgresql://127.0.0.1:24817/quantagent_dev";
  private static final Optional<DotEnvFile> SETUP_WROTE = Optional.of(DotEnvFile.parse(Path.of("/repo/.env"),
      List.of("DATABASE_URL=postgresql://quant:s3cret@db.example.com:5432/quantagent")));

  @Test
  void withNoUrlConfiguredTheGoalsUseTheDevelopmentDatabase() {
    DevDatabaseNotice notice = DevDatabaseNotice.of(settings(null, null, Optional.empty(), null), DEVELOPMENT);
    assertFalse(notice.warning());
    assertEquals(List.of("No database URL is configured, so the goals of this project use this development database"
        + " meanwhile."), notice.lines());
  }

  @Test
  void aUrlInDotEnvIsNamedMaskedWithHowToLeaveIt() {
    DevDatabaseNotice notice = DevDatabaseNotice.of(settings(null, null, SETUP_WROTE, null), DEVELOPMENT);
    assertTrue(notice.warning());
    assertEquals(List.of("The goals of this project do NOT use this development database: they use"
        + " jdbc:postgresql://db.example.com:5432/quantagent as quant (password ****) (from DATABASE_URL in the .env"
        + " file), which wins over it. quantagent:upgrade would change that database.",
        "To have them use the development database: remove the DATABASE_URL line from /repo/.env (quantagent:setup"
            + " writes it)."), notice.lines());
  }

  @Test
  void everySourceThatWouldTakeOverIsNamed() {
    DevDatabaseNotice notice = DevDatabaseNotice.of(settings("postgresql://cli:cl1@h/db",
        "postgresql://env:env1@h/db", SETUP_WROTE, "jdbc:postgresql://h/pom"), DEVELOPMENT);
    assertTrue(notice.warning());
    String said = String.join("\n", notice.lines());
    assertTrue(said.contains("they use jdbc:postgresql://h/db as cli (password ****) (from -Dquantagent.url)"), said);
    assertTrue(said.contains("To have them use the development database: leave -Dquantagent.url out of their command"
        + " lines (and out of .mvn/maven.config and MAVEN_OPTS); unset DATABASE_URL in the shell they run from (unset"
        + " DATABASE_URL in bash, Remove-Item Env:DATABASE_URL in PowerShell, set DATABASE_URL= in Command Prompt);"
        + " remove the DATABASE_URL line from /repo/.env (quantagent:setup writes it); remove <url> from the plugin's"
        + " configuration in the POM."), said);
    for (String secret : List.of("cl1", "env1", "s3cret")) {
      assertFalse(said.contains(secret), said);
    }
  }

  /** The DATABASE_URL line dev itself prints, pasted into the shell dev is run from again. */
  @ParameterizedTest
  @ValueSource(strings = {"postgresql://quantagent:pw@127.0.0.1:24817/quantagent_dev",
      "jdbc:postgresql://localhost:24817/quantagent_dev?user=quantagent"})
  void aUrlOfTheDevelopmentDatabaseItselfIsNoWarning(String url) {
    DevDatabaseNotice notice = DevDatabaseNotice.of(settings(null, url, Optional.empty(), null), DEVELOPMENT);
    assertFalse(notice.warning());
    assertEquals(List.of("The goals of this project use this development database meanwhile: the DATABASE_URL"
        + " environment variable points at it."), notice.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://u@127.0.0.1:5432/quantagent_dev", "postgresql://u@127.0.0.1:24817/other",
      "postgresql://u@db.example.com:24817/quantagent_dev", "jdbc:postgresql://127.0.0.1:24817,h2:5432/quantagent_dev"})
  void anotherServerOrDatabaseIsWarnedAbout(String url) {
    assertTrue(DevDatabaseNotice.of(settings(null, url, Optional.empty(), null), DEVELOPMENT).warning(), url);
  }

  @Test
  void aUrlTheGoalsFailOnIsWarnedAboutToo() {
    DevDatabaseNotice notice = DevDatabaseNotice.of(settings(null, null, Optional.of(DotEnvFile.parse(
        Path.of("/repo/.env"), List.of("DATABASE_URL='postgresql://u:s3cret@h/db"))), null), DEVELOPMENT);
    assertTrue(notice.warning());
    assertEquals(List.of("The goals of this project do NOT use this development database: a database URL is"
        + " configured, and they fail on it. /repo/.env line 1 opens a ' quote that no later line closes. Close the"
        + " quote, or remove it.", "To have them use the development database: remove the DATABASE_URL line from"
        + " /repo/.env (quantagent:setup writes it)."), notice.lines());
  }

  private static ConnectionSettings settings(String commandLine, String environment, Optional<DotEnvFile> dotEnv,
      String pom) {
    return new ConnectionSettings(commandLine, environment, dotEnv, pom, null, null);
  }
}
