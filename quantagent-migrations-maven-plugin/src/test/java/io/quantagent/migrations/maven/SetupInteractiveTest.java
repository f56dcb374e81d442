package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.setup.DatabaseSetup;
import io.quantagent.migrations.setup.SetupException;
import io.quantagent.migrations.setup.SetupRoles;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.codehaus.plexus.components.interactivity.Prompter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive setup as a person goes through it, with Maven's prompter scripted: a wrong password, the retry with
 * the earlier answers as defaults, the save. Nothing shown to the person holds the password, in any form, and with
 * no console (as here) the password prompt says that what is typed will show, not that it is hidden.
 */
@ExtendWith(PostgresFixture.class)
class SetupInteractiveTest {
  @TempDir Path dir;
  private TestDatabase database;
  private SetupRoles roles;
  private final List<String> shown = new ArrayList<>();

  @BeforeEach
  void server(TestDatabase database) {
    this.database = database;
    roles = new SetupRoles(database);
  }

  @AfterEach
  void dropRoles() throws Exception {
    roles.close();
  }

  private DatabaseSetup.Outcome setup(String... answers) {
    ScriptedPrompter prompter = new ScriptedPrompter(answers);
    SystemStreamLog log = new SystemStreamLog() {
      @Override
      public void info(CharSequence line) {
        shown.add("[log] " + line);
      }

      @Override
      public void warn(CharSequence line) {
        shown.add("[warn] " + line);
      }
    };
    try {
      return new DatabaseSetup(dir, new MavenPrompts(prompter, null, log), Map.of()).run();
    } finally {
      assertEquals(List.of(), List.copyOf(prompter.answers), "every scripted answer was asked for");
    }
  }

  @Test
  void aWrongPasswordIsSaidThenTheEarlierAnswersAreOfferedAgainAndTheRightOneIsSaved() throws Exception {
    String role = roles.role("");
    String port = String.valueOf(database.server().port());

    DatabaseSetup.Outcome outcome = setup("server", "127.0.0.1", port, role, "not-the-password", database.name(),
        "", "", "", "", SetupRoles.PASSWORD, "");

    assertEquals(DatabaseSetup.Outcome.SAVED, outcome);
    assertTrue(shown.contains("PostgreSQL host [127.0.0.1]"), "the retry offers the earlier host: " + shown);
    assertTrue(shown.contains("User [" + role + "]"), shown.toString());
    int prompt = shown.indexOf("password: Password (shown as you type)");
    assertTrue(prompt > 0, "without a console the prompt does not claim to hide the password: " + shown);
    assertEquals("[warn] " + MavenPrompts.SHOWN_AS_YOU_TYPE, shown.get(prompt - 1), "warned right before it");
    assertTrue(shown.stream().anyMatch(l -> l.contains("password authentication failed for user \"" + role + "\"")),
        shown.toString());
    assertTrue(shown.contains("Change the answers and try again (y/n) [y]"), shown.toString());
    assertEquals("postgresql://" + role + ":p%40ss%3Aw%2Frd%3F%23%25@127.0.0.1:" + port + "/" + database.name(),
        DotEnvFile.readIfPresent(dir.resolve(".env")).orElseThrow().get("DATABASE_URL").orElseThrow());
    String everything = String.join("\n", shown);
    for (String secret : List.of(SetupRoles.PASSWORD, "p%40ss%3Aw%2Frd%3F%23%25", "not-the-password", "****")) {
      assertFalse(everything.contains(secret), "shown: " + secret + "\n" + everything);
    }
  }

  @Test
  void anExistingUrlIsKeptWhenTheAnswerIsTheDefault() throws Exception {
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://old:secret@elsewhere:5432/db\n");
    assertEquals(DatabaseSetup.Outcome.KEPT, setup("server", ""));
    assertTrue(shown.contains("Replace it (y/n) [n]"), shown.toString());
    assertEquals("DATABASE_URL=postgresql://old:secret@elsewhere:5432/db\n", Files.readString(dir.resolve(".env")));
  }

  @Test
  void aMissingDatabaseIsOfferedAndCreated() throws Exception {
    String name = roles.newDatabaseName();
    setup("server", "127.0.0.1", String.valueOf(database.server().port()), roles.role("CREATEDB"),
        SetupRoles.PASSWORD, name, "y");
    assertTrue(roles.exists(name));
    assertTrue(shown.contains("Create it (y/n) [y]"), shown.toString());
  }

  @Test
  void theEndOfInputEndsTheSetupNamingTheBatchProperty() {
    SetupException e = assertThrows(SetupException.class, () -> setup("server"));
    assertTrue(e.getMessage().contains("mvn -B quantagent:setup -Dquantagent.setup.host=..."), e.getMessage());
    assertFalse(Files.exists(dir.resolve(".env")));
  }

  /** Maven's prompter, answering from a script; what it is asked and shows is recorded. */
  private final class ScriptedPrompter implements Prompter {
    final Deque<String> answers;

    ScriptedPrompter(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    private String next() {
      return answers.isEmpty() ? null : answers.removeFirst(); // null: the input ended
    }

    @Override
    public String prompt(String message) {
      shown.add(message);
      return next();
    }

    @Override
    public String prompt(String message, String defaultReply) {
      throw new AssertionError("not used: the prompter would print the default bare");
    }

    @Override
    public String prompt(String message, List<String> possibleValues) {
      throw new AssertionError("not used");
    }

    @Override
    public String prompt(String message, List<String> possibleValues, String defaultReply) {
      throw new AssertionError("not used");
    }

    @Override
    public String promptForPassword(String message) {
      shown.add("password: " + message);
      return next();
    }

    @Override
    public void showMessage(String message) {
      shown.add(message);
    }
  }
}
