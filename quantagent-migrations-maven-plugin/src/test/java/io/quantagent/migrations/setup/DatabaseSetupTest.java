package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.DotEnvFile;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batch mode ({@code mvn -B quantagent:setup -Dquantagent.setup.*}) against a real server. */
@ExtendWith(PostgresFixture.class)
class DatabaseSetupTest {
  @TempDir Path dir;
  private TestDatabase database;
  private SetupRoles roles;
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> said = new ArrayList<>();

  @BeforeEach
  void server(TestDatabase database) {
    this.database = database;
    roles = new SetupRoles(database);
    properties.put("quantagent.setup.host", "127.0.0.1");
    properties.put("quantagent.setup.port", String.valueOf(database.server().port()));
  }

  @AfterEach
  void dropRoles() throws Exception {
    roles.close();
  }

  private DatabaseSetup.Outcome setup() {
    return new DatabaseSetup(dir, new PropertyPrompts(properties, environment, said::add), environment,
        new GitIgnore("no-such-git")).run();
  }

  private DatabaseSetup.Outcome setupAskingGit() {
    return new DatabaseSetup(dir, new PropertyPrompts(properties, environment, said::add), environment).run();
  }

  private void answersThatConnect() throws Exception {
    properties.put("quantagent.setup.user", roles.role(""));
    properties.put("quantagent.setup.password", SetupRoles.PASSWORD);
    properties.put("quantagent.setup.database", database.name());
  }

  private String savedUrl() {
    return DotEnvFile.readIfPresent(dir.resolve(".env")).orElseThrow().get("DATABASE_URL").orElseThrow();
  }

  @Test
  void everyAnswerFromAPropertyGivesAUrlThatConnects() throws Exception {
    String role = roles.role("");
    properties.put("quantagent.setup.user", role);
    properties.put("quantagent.setup.password", SetupRoles.PASSWORD);
    properties.put("quantagent.setup.database", database.name());

    assertEquals(DatabaseSetup.Outcome.SAVED, setup());

    assertEquals("postgresql://" + role + ":p%40ss%3Aw%2Frd%3F%23%25@127.0.0.1:" + database.server().port() + "/"
        + database.name(), savedUrl());
    try (Connection connection = new PostgresConnector(DatabaseUrl.parse(savedUrl())).connect()) {
      assertTrue(connection.isValid(5));
    }
    assertFalse(String.join("\n", said).contains(SetupRoles.PASSWORD), String.join("\n", said));
    assertFalse(String.join("\n", said).contains("p%40ss"), String.join("\n", said));
  }

  @Test
  void theMissingRequiredPropertyIsNamedAndNothingIsSaved() {
    properties.put("quantagent.setup.password", "x");
    SetupException e = assertThrows(SetupException.class, this::setup);
    assertTrue(e.getMessage().startsWith("quantagent:setup in batch mode (-B) needs -Dquantagent.setup.user (User)."),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve(".env")));
  }

  @Test
  void thePasswordMayComeFromPgpassword() throws Exception {
    properties.put("quantagent.setup.user", roles.role(""));
    properties.put("quantagent.setup.database", database.name());
    environment.put("PGPASSWORD", SetupRoles.PASSWORD);
    assertEquals(DatabaseSetup.Outcome.SAVED, setup());
    assertEquals(java.util.Optional.of(SetupRoles.PASSWORD), DatabaseUrl.parse(savedUrl()).password());
  }

  @Test
  void aMissingDatabaseIsCreatedOnlyWhenAsked() throws Exception {
    properties.put("quantagent.setup.user", roles.role("CREATEDB"));
    properties.put("quantagent.setup.password", SetupRoles.PASSWORD);
    String name = roles.newDatabaseName();
    properties.put("quantagent.setup.database", name);

    SetupException refused = assertThrows(SetupException.class, this::setup);
    assertTrue(refused.getMessage().contains("The database " + name + " does not exist on 127.0.0.1:"
        + database.server().port() + ". Create it (answer y, or -Dquantagent.setup.createDatabase in batch mode)"),
        refused.getMessage());
    assertFalse(roles.exists(name));

    properties.put("quantagent.setup.createDatabase", "true");
    assertEquals(DatabaseSetup.Outcome.SAVED, setup());
    assertTrue(roles.exists(name));
    assertTrue(said.contains("Created the database " + name + "."), said.toString());
  }

  @Test
  void aUserWhoMayNotCreateDatabasesIsToldWhatToAskFor() throws Exception {
    String role = roles.role("");
    properties.put("quantagent.setup.user", role);
    properties.put("quantagent.setup.password", SetupRoles.PASSWORD);
    properties.put("quantagent.setup.database", roles.newDatabaseName());
    properties.put("quantagent.setup.createDatabase", "true");
    SetupException e = assertThrows(SetupException.class, this::setup);
    assertTrue(e.getMessage().contains("The user " + role + " may not create databases: ask an administrator to run"
        + " CREATE DATABASE"), e.getMessage());
  }

  @Test
  void anExistingDatabaseUrlIsKeptWithoutForceAndReplacedInPlaceWithIt() throws Exception {
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\nDATABASE_URL=postgresql://old:secret@elsewhere:5432/db\n");
    properties.put("quantagent.setup.user", roles.role(""));
    properties.put("quantagent.setup.password", SetupRoles.PASSWORD);
    properties.put("quantagent.setup.database", database.name());

    assertEquals(DatabaseSetup.Outcome.KEPT, setup());
    assertEquals("API_KEY=abc\nDATABASE_URL=postgresql://old:secret@elsewhere:5432/db\n",
        Files.readString(dir.resolve(".env")));
    assertTrue(said.contains("Kept the DATABASE_URL in " + dir.resolve(".env") + "; -Dquantagent.force replaces it."),
        said.toString());
    assertFalse(String.join("\n", said).contains("secret"), "not even the old password");

    properties.put("quantagent.force", "true");
    assertEquals(DatabaseSetup.Outcome.SAVED, setup());
    List<String> lines = Files.readAllLines(dir.resolve(".env"));
    assertEquals("API_KEY=abc", lines.get(0));
    assertTrue(lines.get(1).startsWith("DATABASE_URL=postgresql://setup_"), lines.toString());
  }

  /** Setup is how a person replaces such a line: it is said (never quoted) and replaced under the usual rules. */
  @ParameterizedTest
  @ValueSource(strings = {
      "DATABASE_URL=\"postgresql://old:s3cret@elsewhere:5432/db", // a quote that no line closes
      "DATABASE_URL=postgresql://old:s3cret@elsewhere:5432/${QUANTAGENT_TEST_UNSET}", // python-dotenv reads it empty
      "DATABASE_URL postgresql://old:s3cret@elsewhere:5432/db"}) // no '=': the writer's own pattern misses it
  void anUnreadableDatabaseUrlLineIsKeptWithoutForceAndReplacedWithIt(String unreadable) throws Exception {
    String dotEnv = "API_KEY=abc\n" + unreadable + "\nOTHER=1\n";
    Files.writeString(dir.resolve(".env"), dotEnv);
    answersThatConnect();

    assertEquals(DatabaseSetup.Outcome.KEPT, setup());
    assertEquals(dotEnv, Files.readString(dir.resolve(".env")));
    assertTrue(said.stream().anyMatch(line -> line.startsWith(dir.resolve(".env") + " already has a DATABASE_URL"
        + " line, but it cannot be read, and every goal fails on it: " + dir.resolve(".env") + " line 2 ")), said.toString());
    assertTrue(said.contains("Kept the unreadable DATABASE_URL line in " + dir.resolve(".env") + ": goals fail on it"
        + " until it is fixed or replaced; -Dquantagent.force replaces it."), said.toString());
    assertFalse(String.join("\n", said).contains("s3cret"), "the line is never quoted: " + said);

    properties.put("quantagent.force", "true");
    assertEquals(DatabaseSetup.Outcome.SAVED, setup());
    List<String> lines = Files.readAllLines(dir.resolve(".env"));
    assertEquals(3, lines.size(), lines.toString());
    assertEquals("API_KEY=abc", lines.get(0));
    assertEquals("OTHER=1", lines.get(2));
    assertTrue(savedUrl().startsWith("postgresql://setup_"), "the file reads again: " + savedUrl());
  }

  @Test
  void aBadLineForAnotherToolDoesNotStopSetup() throws Exception {
    String dotEnv = "API_KEY=\"unclosed\nDATABASE_URL=\"postgresql://old@elsewhere:5432/db\" # staging\n";
    Files.writeString(dir.resolve(".env"), dotEnv);
    assertEquals(DatabaseSetup.Outcome.KEPT, setup());
    assertEquals(dotEnv, Files.readString(dir.resolve(".env")));
    assertTrue(said.contains(dir.resolve(".env") + " already sets DATABASE_URL (jdbc:postgresql://elsewhere:5432/db as"
        + " old)."), said.toString());
  }

  /** Once failed at the very end, after the connection, as "Cannot write .env: Input length = 1". */
  @Test
  void aDotEnvWithACommentThatIsNotUtf8IsSavedWithTheCommentUntouched() throws Exception {
    byte[] comment = "# r\u00e9glages de d\u00e9v\n".getBytes(StandardCharsets.ISO_8859_1); // as Windows-1252 saves it
    Files.write(dir.resolve(".env"), comment);
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n", StandardOpenOption.APPEND);
    answersThatConnect();

    assertEquals(DatabaseSetup.Outcome.SAVED, setup());

    byte[] saved = Files.readAllBytes(dir.resolve(".env"));
    assertArrayEquals(comment, Arrays.copyOf(saved, comment.length));
    assertTrue(savedUrl().startsWith("postgresql://setup_"), savedUrl());
  }

  @Test
  void aDotEnvThatGitTracksIsRefusedBeforeAnythingIsAskedOrWritten() throws Exception {
    GitWorkTree.init(dir);
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    GitWorkTree.commit(dir, ".env");
    Files.writeString(dir.resolve(".gitignore"), ".env\n"); // too late: git keeps tracking what it tracks
    answersThatConnect();
    properties.put("quantagent.force", "true");

    SetupException e = assertThrows(SetupException.class, this::setupAskingGit);

    assertTrue(e.getMessage().startsWith(dir.resolve(".env") + " is tracked by git, so a password written into it"
        + " would be committed with it."), e.getMessage());
    assertTrue(e.getMessage().contains("git rm --cached .env and commit that; then run quantagent:setup again"),
        e.getMessage());
    assertEquals("API_KEY=abc\n", Files.readString(dir.resolve(".env")));
    assertEquals(".env\n", Files.readString(dir.resolve(".gitignore")));
    assertEquals(List.of(), said, "nothing was asked or said before the refusal");
  }

  /** As for root on a bind-mounted repository ("detected dubious ownership"): git exits 128 and cannot tell. */
  @Test
  void aDotEnvGitCannotTellAboutGetsNoPasswordButTheEmbeddedDatabaseStillWorks() throws Exception {
    GitWorkTree.init(dir);
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    Files.writeString(dir.resolve(".git/HEAD"), "not a ref\n");
    answersThatConnect();

    SetupException e = assertThrows(SetupException.class, this::setupAskingGit);

    assertTrue(e.getMessage().startsWith("Git could not tell whether " + dir.resolve(".env") + " is tracked, so no"
        + " password is written into it"), e.getMessage());
    assertTrue(e.getMessage().contains("Git said: fatal: not a git repository"), e.getMessage());
    assertTrue(e.getMessage().contains("git config --global --add safe.directory"), e.getMessage());
    assertFalse(e.getMessage().contains(SetupRoles.PASSWORD), e.getMessage());
    assertEquals("API_KEY=abc\n", Files.readString(dir.resolve(".env")));
    assertFalse(String.join("\n", said).contains("Connected"), "refused before connecting: " + said);

    properties.put("quantagent.setup.embedded", "true");
    assertEquals(DatabaseSetup.Outcome.EMBEDDED, setupAskingGit());
    assertEquals("API_KEY=abc\n", Files.readString(dir.resolve(".env")));
  }

  @Test
  void anUntrackedDotEnvThatGitIgnoresIsWrittenAndGitignoreLeftAlone() throws Exception {
    GitWorkTree.init(dir);
    Files.writeString(dir.resolve(".gitignore"), "target/\n.env\n");
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    answersThatConnect();

    assertEquals(DatabaseSetup.Outcome.SAVED, setupAskingGit());

    assertTrue(savedUrl().startsWith("postgresql://setup_"), savedUrl());
    assertEquals("target/\n.env\n", Files.readString(dir.resolve(".gitignore")));
    assertFalse(String.join("\n", said).contains("Added .env"), said.toString());
  }

  @Test
  void theEmbeddedDatabaseNeedsNothingWrittenAndAnEnvironmentVariableThatWinsIsNamed() {
    properties.put("quantagent.setup.embedded", "true");
    environment.put("DATABASE_URL", "postgresql://ci:hunter2@db:5432/quantagent");
    assertEquals(DatabaseSetup.Outcome.EMBEDDED, setup());
    assertFalse(Files.exists(dir.resolve(".env")));
    String output = String.join("\n", said);
    assertTrue(output.contains("nothing was written"), output);
    assertTrue(output.contains("the DATABASE_URL environment variable is set (jdbc:postgresql://db:5432/quantagent"
        + " as ci) and wins over .env"), output);
    assertFalse(output.contains("hunter2"), output);
  }

  @Test
  void aRefusedLoginFailsInBatchModeWithTheServersReason() throws Exception {
    properties.put("quantagent.setup.user", roles.role(""));
    properties.put("quantagent.setup.password", "wrong");
    properties.put("quantagent.setup.database", database.name());
    SetupException e = assertThrows(SetupException.class, this::setup);
    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Check the user and password: -Dquantagent.setup.user, and PGPASSWORD or"
        + " -Dquantagent.setup.password. Nothing was saved."), e.getMessage());
    assertFalse(e.getMessage().contains("****"), "no sign of the password, not even masked: " + e.getMessage());
    assertFalse(Files.exists(dir.resolve(".env")));
  }

  @Test
  void aClosedPortFailsInBatchModeNamingSetupsOwnProperties() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    answersThatConnect();
    properties.put("quantagent.setup.port", String.valueOf(closed));
    SetupException e = assertThrows(SetupException.class, this::setup);
    assertTrue(e.getMessage().startsWith("Cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("accepting TCP/IP connections. Check that PostgreSQL is running there and that"
        + " the host and port are right: -Dquantagent.setup.host, -Dquantagent.setup.port. Nothing was saved."),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve(".env")));
  }
}
