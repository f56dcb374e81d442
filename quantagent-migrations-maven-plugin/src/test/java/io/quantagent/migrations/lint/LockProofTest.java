package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ScratchDatabases;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proven lock report end to end, on each server version: a live database with 1,000 trades at the first
 * migration, the pending ones proven on a scratch database of the same major. It names ACCESS EXCLUSIVE and a
 * rewrite for a numeric type change, SHARE for a plain CREATE INDEX, and the same ACCESS EXCLUSIVE and rewrite when
 * the type change hides in a DO block, which no text rule sees; nothing for an index on a table its own script made.
 */
@ParameterizedClass
@EnumSource(PostgresMajor.class)
@ExtendWith(PostgresFixture.class)
class LockProofTest {
  @Parameter
  PostgresMajor version;

  @TempDir
  Path scripts;

  @Test
  void provesWhatEachPendingStatementLocksWithLiveRowEstimates(FreshDatabases databases) throws Exception {
    write("20260101000000_create_trades.sql", """
        CREATE TABLE trades (id bigint PRIMARY KEY, symbol varchar(32) NOT NULL, price numeric(20,8) NOT NULL);
        INSERT INTO trades SELECT g, 'S' || (g % 50), g FROM generate_series(1, 1000) g;""");
    write("20260102000000_widen_price.sql", """
        SET LOCAL lock_timeout = '2s';
        ALTER TABLE trades ALTER COLUMN price TYPE numeric(30,10);""");
    write("20260103000000_index_symbol.sql", "SET LOCAL lock_timeout = '2s';\n"
        + "CREATE INDEX idx_trades_symbol ON trades (symbol);");
    write("20260104000000_widen_in_do_block.sql", """
        DO $$
        BEGIN
          EXECUTE 'ALTER TABLE trades ALTER COLUMN price TYPE numeric(38,12)';
        END
        $$;""");
    write("20260105000000_create_risk.sql", """
        CREATE TABLE risk (id bigint PRIMARY KEY, level integer NOT NULL);
        CREATE INDEX idx_risk_level ON risk (level);""");
    TestDatabase live = databases.create(version);
    ScriptSource source = ScriptSource.directory(scripts);
    new Migrator(live.connections(), source, MigratorSettings.defaults(), EventLog.silent())
        .upgrade(new Target.Revision("20260101000000"));
    live.execute("ANALYZE trades");
    List<Integer> scratchMajors = new ArrayList<>();
    LintDatabase database = new LintDatabase(live.connections(), source, MigratorSettings.defaults(),
        scratchOn(databases, scratchMajors));

    List<String> pending = database.pendingFiles();
    LockReport report = database.prove(pending);

    assertEquals(List.of("20260102000000_widen_price.sql", "20260103000000_index_symbol.sql",
        "20260104000000_widen_in_do_block.sql", "20260105000000_create_risk.sql"), pending);
    assertEquals(List.of(version.number()), scratchMajors);
    assertEquals(List.of(
        "20260102000000 line 3: ACCESS EXCLUSIVE on trades (rewrite, ~1,000 rows) - blocks reads and writes until"
            + " the migration commits",
        "20260103000000 line 3: SHARE on trades (full scan, ~1,000 rows) - blocks writes (INSERT, UPDATE, DELETE)"
            + " until the migration commits",
        "20260104000000 line 2: ACCESS EXCLUSIVE on trades (rewrite, ~1,000 rows) - blocks reads and writes until"
            + " the migration commits"),
        report.notable().stream().map(ProvenStatement::describe).toList());
    assertEquals("1000", live.value("select count(*) from trades"), "the live database is only read");
    assertEquals("numeric(20,8)", live.value("select format_type(atttypid, atttypmod) from pg_attribute"
        + " where attrelid = 'trades'::regclass and attname = 'price'"));
    List<Finding> doBlock = new MigrationLinter(LintSettings.forVersion(version.number()))
        .lint(LintScript.all(source), f -> f.startsWith("20260104")).standing();
    assertEquals(List.of(), doBlock, "no text rule sees into the DO block: the proof does");
  }

  private void write(String name, String change) throws Exception {
    Files.writeString(scripts.resolve(name), "-- // " + name + "\n" + change + "\n\n-- //@UNDO\n");
  }

  private ScratchDatabases scratchOn(FreshDatabases databases, List<Integer> majors) {
    return major -> {
      majors.add(major);
      TestDatabase scratch = databases.create(version);
      return new ScratchDatabases.Scratch() {
        @Override
        public ConnectionFactory connections() {
          return scratch.connections();
        }

        @Override
        public void close() {}
      };
    };
  }
}
