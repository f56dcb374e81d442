package io.quantagent.migrations.engine;

import io.quantagent.migrations.events.EventLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Refuses to change a database that has tables but no changelog of ours, such as the ones Alembic built:
 * upgrading it would try to create tables that exist. It names what it found and the stamp command that
 * adopts the database instead. An empty changelog is none: {@code pg_dump --schema-only} of a migrated database
 * brings the table without its rows. Tables an extension owns (PostGIS's {@code spatial_ref_sys}) and the tracking
 * tables alone are no schema of the user's: a database that has only those is a new one, or one undone to base.
 */
final class ForeignSchemaGuard {
  private static final String TABLES_OF_NO_EXTENSION = """
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p')
        and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid
                        and e.deptype = 'e')
      order by c.relname""";

  private ForeignSchemaGuard() {}

  /**
   * Next to an empty changelog, only a table the migrations create says the database was restored; others (an
   * application's own, left when every migration was undone) do not. Which migrations count depends on the changelog's
   * {@link ChangelogMark}: beside one this plugin marked as its own, every migration's; beside one marked unfinished
   * (a first run that stopped in a first migration without a transaction: it runs again, with a warning) or without a
   * mark, only those after the first, as before the mark: there such a failed first run and a restore of a database
   * at its first migration look alike.
   *
   * @param applied the changelog's rows, empty when it has none or does not exist
   */
  static void refuseUnmanaged(Connection connection, Changelog changelog, List<MigrationInfo> applied,
      ScriptSource scripts, String goal, EventLog log) throws SQLException {
    if (!applied.isEmpty()) {
      return;
    }
    ChangelogMark mark = changelog.mark();
    if (mark.state() == ChangelogMark.State.FIRST_RUN_UNFINISHED && goal.equals("upgrade")) {
      log.warn(mark.unfinishedFile().orElseThrow() + ", the first migration, did not finish in an earlier run: it runs"
          + " without a transaction (-- quantagent:no-transaction), and that run failed or was killed part way:"
          + " what its statements committed is still there and it has no changelog row, so upgrade runs the whole"
          + " script again. Each statement must be safe to repeat (IF NOT EXISTS, IF EXISTS).");
    }
    // Only where the mark is ours and this role could have kept it true (only the owner may comment on the table)
    // does the first migration's table say restore; a mark left unfinished, or kept by a role that could not change
    // it, says no more than no mark: a failed first run leaves no table of a later migration.
    Predicate<String> createdByMigrations = mark.state() == ChangelogMark.State.OURS && changelog.owned()
        ? ScriptCreations.tables(scripts) : ScriptCreations.tablesAfterTheFirst(scripts);
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(TABLES_OF_NO_EXTENSION)) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    tables.remove(changelog.table());
    if (tables.stream().allMatch(OtherToolsTables::contains)) {
      return;
    }
    String found = "Nothing was changed: the database has " + tables.size() + " table" + (tables.size() == 1 ? "" : "s")
        + " (" + String.join(", ", tables) + ")";
    String adopt = "  If its schema is what the migrations build, adopt it without running anything:\n"
        + "    mvn quantagent:stamp -Dtarget=head      (or -Dtarget=<id> of the migration it matches)\n"
        + "  stamp first checks that the schema matches and refuses otherwise; see README, ";
    if (changelog.exists()) {
      if (tables.stream().noneMatch(createdByMigrations)) {
        return;
      }
      throw new UnmanagedDatabaseException(found + " and an empty changelog table (" + changelog.table() + "), as a"
          + " restore of pg_dump --schema-only leaves it: the dump copies the table without its rows. So " + goal
          + " would take it for a database no migration ran on (upgrade would run every migration again, on tables"
          + " that may already exist).\n"
          + adopt + "Restored databases. (A dump that keeps the changelog's rows, pg_dump --data-only --table="
          + changelog.table() + ", restores where it stood instead.)");
    }
    String alembic = tables.contains("alembic_version") ? alembicVersion(connection) : null;
    throw new UnmanagedDatabaseException(found + " but no changelog"
        + (alembic == null ? "" : ", and alembic_version = " + alembic + " (it was built by Alembic)")
        + ", so " + goal + " would run scripts whose tables may already exist.\n" + adopt + "Coming from Alembic.");
  }

  private static String alembicVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select string_agg(version_num, ', ') from alembic_version")) {
      return rs.next() && rs.getString(1) != null ? rs.getString(1) : "(empty)";
    }
  }
}
