package io.quantagent.migrations.lint;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ScratchBuildFailedException;
import io.quantagent.migrations.schema.ScratchDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What lint asks the live database (read only): its server's major version, which scripts are pending, and the row
 * estimates of tables; and the proof: the pending scripts applied, statement by statement, to a throwaway database of
 * that major (first migrated to the live database's current revision), with what each statement locked.
 */
public final class LintDatabase {
  private final ConnectionFactory live;
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final ScratchDatabases scratch;

  public LintDatabase(ConnectionFactory live, ScriptSource scripts, MigratorSettings settings,
      ScratchDatabases scratch) {
    this.live = live;
    this.scripts = scripts;
    this.settings = settings;
    this.scratch = scratch;
  }

  public int serverMajor() {
    try (Connection connection = live.open()) {
      return connection.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the live server's version: " + e.getMessage(), e);
    }
  }

  /** The file names of the scripts not applied yet, in the order they would run. */
  public List<String> pendingFiles() {
    List<String> pending = new ArrayList<>();
    for (HistoryEntry entry : migrator(live).history()) {
      if (entry.pending() && entry.scriptPresent()) {
        scripts.loader().filename(entry.migration().id()).ifPresent(pending::add);
      }
    }
    return pending;
  }

  /**
   * Applies the pending scripts to a throwaway database and reports what each statement did, with the live row
   * estimate of every table it locked.
   */
  public LockReport prove(List<String> pendingFiles) {
    int major = serverMajor();
    Optional<MigrationInfo> current = migrator(live).current().current();
    List<ProvenStatement> proven = new ArrayList<>();
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      current.ifPresent(at -> ScratchBuildFailedException.onScratch(() -> migrator(database.connections())
          .upgrade(new Target.Revision(at.idText()))));
      try (Connection connection = database.connections().open()) {
        for (String file : pendingFiles) {
          List<ProvenStatement> statements = StatementProver.prove(connection,
              new LintScript(file, scripts.loader().text(file)));
          proven.addAll(statements);
          if (!statements.isEmpty() && statements.get(statements.size() - 1).failure() != null) {
            break;
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("The proof on the scratch database failed: " + e.getMessage(), e);
      }
    }
    return new LockReport(major, pendingFiles.size(), withLiveRows(proven));
  }

  private Migrator migrator(ConnectionFactory database) {
    return new Migrator(database, scripts, settings, EventLog.silent());
  }

  private List<ProvenStatement> withLiveRows(List<ProvenStatement> proven) {
    Map<String, Double> rows = new HashMap<>();
    try (Connection connection = live.open(); PreparedStatement query = connection.prepareStatement(
        "select c.reltuples::float8 from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relname = ? and n.nspname = coalesce(?, current_schema())")) {
      for (ProvenStatement statement : proven) {
        for (LockedTable table : statement.tables()) {
          String key = table.schema() + "." + table.name();
          if (!rows.containsKey(key)) {
            query.setString(1, table.name());
            query.setString(2, table.schema() == null || table.schema().equals("public") ? null : table.schema());
            try (ResultSet result = query.executeQuery()) {
              rows.put(key, result.next() ? result.getDouble(1) : null);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read row estimates from the live database: " + e.getMessage(), e);
    }
    return proven.stream().map(s -> new ProvenStatement(s.file(), s.line(), s.firstLine(),
        s.tables().stream().map(t -> t.withLiveRows(rows.get(t.schema() + "." + t.name()))).toList(),
        s.outsideTransaction(), s.failure())).toList();
  }
}
