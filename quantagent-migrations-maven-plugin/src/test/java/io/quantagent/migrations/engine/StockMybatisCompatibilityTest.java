package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ibatis.migration.commands.StatusCommand;
import org.apache.ibatis.migration.commands.UpCommand;
import org.apache.ibatis.migration.options.OptionsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stock MyBatis Migrations command line tool reads, and continues, a database this plugin migrated. */
@ExtendWith(PostgresFixture.class)
class StockMybatisCompatibilityTest {

  @Test
  void stockStatusAndUpWorkOnOurChangelog(TestDatabase db, @TempDir Path repository) throws Exception {
    Path scriptsDir = Files.createDirectories(repository.resolve("scripts"));
    Scripts scripts = new Scripts(scriptsDir)
        .add("20250101000001_create_a.sql", "create table a (id int);", "drop table a;")
        .add("20250101000002_create_b.sql", "create table b (id int);", "drop table b;");
    Migrator ours = new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
    ours.upgrade(new Target.Head());

    Path environments = Files.createDirectories(repository.resolve("environments"));
    Files.writeString(environments.resolve("development.properties"), String.join("\n",
        "driver=org.postgresql.Driver",
        "url=" + db.jdbcUrl(),
        "username=" + db.connector().url().user().orElseThrow(),
        "password=" + db.connector().url().password().orElseThrow(),
        "changelog=changelog",
        ""));

    StatusCommand status = new StatusCommand(OptionsParser.parse(new String[] {"--path=" + repository, "status"}));
    status.setPrintStream(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    status.execute();
    assertEquals(2, status.getOperation().getAppliedCount());
    assertEquals(0, status.getOperation().getPendingCount());
    assertEquals(0, status.getOperation().getMissingCount());

    scripts.add("20250101000003_create_c.sql", "create table c (id int);", "drop table c;");
    UpCommand up = new UpCommand(OptionsParser.parse(new String[] {"--path=" + repository, "up"}));
    up.setPrintStream(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    up.execute();
    assertEquals(List.of("20250101000001", "20250101000002", "20250101000003"), db.changelogIds());
    Migrator again = new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
    assertEquals(Integrity.UNRECORDED, again.history().get(2).integrity(), "stock MyBatis writes no checksum");
    assertEquals(Integrity.OK, again.history().get(0).integrity());
    assertEquals(List.of(), again.check().problems());
  }
}
