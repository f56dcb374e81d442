package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.operations.ChangelogOperation;
import org.apache.ibatis.migration.operations.DatabaseOperation;
import org.apache.ibatis.migration.options.DatabaseOperationOption;

/**
 * The changelog table, in the shape MyBatis Migrations' own bootstrap script gives it (ID, APPLIED_AT,
 * DESCRIPTION), so that the stock {@code migrate status} reads a database this plugin migrated, plus the
 * nullable CHECKSUM and STAMP columns that stock MyBatis neither reads nor needs to write.
 */
final class Changelog {
  /** The digits of the id column, numeric(20,0) as in MyBatis' own bootstrap script; a longer id cannot be recorded. */
  static final int ID_DIGITS = 20;
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final List<String> SHAPE = List.of("id", "applied_at", "description");
  /** Whether a stamp verified the schema ('verified', 'unverified'); null on rows that ran. */
  private static final String STAMP_COLUMN = "stamp varchar(16)";

  private final Connection connection;
  private final String table;
  /**
   * The table's columns as this session read them, null when there is no such table: read once, and again after this
   * session altered the table. The guard, the changelog's rows, its checksums and the repair of its checksum column
   * each asked the server, a round trip apiece. Between them only someone working by hand could change the shape:
   * runs that change it hold the run lock.
   */
  private List<String> knownColumns;
  private boolean columnsRead;
  private ChangelogMark mark = ChangelogMark.of(null);
  private boolean owned;
  private ChangelogSchema missingIn; // where the table would be created, read when it was not found

  Changelog(Connection connection, String table) {
    this.connection = connection;
    this.table = table;
  }

  String table() {
    return table;
  }

  /** The table name must be spliced into SQL, so only plain lower-case identifiers are accepted. */
  static String validateTableName(String table) {
    if (table == null || !PLAIN_IDENTIFIER.matcher(table).matches()) {
      throw new MigrationFailureException("The changelog table name '" + table + "' is not a plain identifier:"
          + " use lower-case letters, digits and underscores, starting with a letter (at most 63), e.g."
          + " -Dquantagent.changelogTable=changelog.");
    }
    return table;
  }

  /**
   * Whether the table exists; when a relation of that name exists but is no changelog (another table, a view),
   * fails with what it is instead, before anything reads or alters it.
   */
  boolean exists() throws SQLException {
    return columns().isPresent();
  }

  /** The table's columns; empty when it does not exist; fails as {@link #exists} does for another relation. */
  private Optional<List<String>> columns() throws SQLException {
    if (!columnsRead) {
      knownColumns = readColumns().orElse(null);
      columnsRead = true;
    }
    return Optional.ofNullable(knownColumns);
  }

  private boolean hasColumn(String name) throws SQLException {
    return columns().map(names -> names.contains(name)).orElse(false);
  }

  private Optional<List<String>> readColumns() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select c.relkind::text, array(select attname::text"
        + " from pg_attribute where attrelid = c.oid and attnum > 0 and not attisdropped order by attnum),"
        + " obj_description(c.oid, 'pg_class'), pg_has_role(c.relowner, 'USAGE')"
        + " from pg_class c where c.oid = to_regclass(?)")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          missingIn = ChangelogSchema.read(connection);
          missingIn.requireOne(table);
          return Optional.empty();
        }
        List<String> columns = List.of((String[]) rs.getArray(2).getArray());
        if (!List.of("r", "p").contains(rs.getString(1)) || !columns.containsAll(SHAPE)) {
          throw new MigrationFailureException(notAChangelog(rs.getString(1), columns));
        }
        mark = ChangelogMark.of(rs.getString(3));
        owned = rs.getBoolean(4);
        return Optional.of(columns);
      }
    }
  }

  private String notAChangelog(String relkind, List<String> columns) {
    String what = switch (relkind) {
      case "r", "p" -> "a table with the columns " + String.join(", ", columns);
      case "v", "m" -> "a view";
      case "S" -> "a sequence";
      case "f" -> "a foreign table";
      default -> "not a table";
    };
    return "The changelog table '" + table + "' (quantagent.changelogTable) already exists with another shape: it is "
        + what + ", where a changelog has the columns id, applied_at and description. It is not a changelog, and"
        + " nothing was read from it or changed in it. Choose a name no table has: -Dquantagent.changelogTable or"
        + " <changelogTable> (the default is " + MigratorSettings.DEFAULT_CHANGELOG_TABLE + ").";
  }

  /** What the table's comment says of how it came to be; {@link ChangelogMark.State#NONE} when it does not exist. */
  ChangelogMark mark() throws SQLException {
    return columns().isPresent() ? mark : ChangelogMark.of(null);
  }

  /** Whether this role may change the table's comment (it owns the table, or is a member of the role that does). */
  boolean owned() throws SQLException {
    return columns().isPresent() && owned;
  }

  /** Applied migrations, oldest first; empty when the table does not exist yet. */
  List<Change> applied() throws SQLException {
    if (!exists()) {
      return new ArrayList<>();
    }
    return new ChangelogOperation(connection, options()).selectAll();
  }

  /**
   * Creates the table, marked as this plugin's, or adds the checksum column to one MyBatis' own bootstrap script made.
   * A table that has it is left alone: even with IF NOT EXISTS, PostgreSQL first asks for CREATE on the schema and
   * ownership of the table, which a role that may only write the changelog lacks.
   */
  void createIfMissing() throws SQLException {
    if (hasColumn("checksum")) { // a table of another shape is refused, never altered
      return;
    }
    List<String> statements = exists() ? ddl(table) : created(table);
    columnsRead = false;
    try (Statement statement = connection.createStatement()) {
      for (String ddl : statements) {
        statement.execute(ddl);
      }
    }
  }

  /** What {@link #createIfMissing} runs, and what offline SQL writes: one definition of the table. */
  static List<String> ddl(String table) {
    return List.of("CREATE TABLE IF NOT EXISTS " + table + " (id numeric(" + ID_DIGITS + ",0) NOT NULL PRIMARY KEY,"
            + " applied_at varchar(25) NOT NULL, description varchar(255) NOT NULL, checksum varchar(64),"
            + " " + STAMP_COLUMN + ")",
        "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS checksum varchar(64)");
  }

  /** The statements that create the table anew, marked as this plugin's ({@link ChangelogMark}). */
  static List<String> created(String table) {
    List<String> statements = new ArrayList<>(ddl(table));
    statements.add(ChangelogMark.ours(table));
    return statements;
  }

  /**
   * Fails, before a goal that would create the table runs or compares anything, when it does not exist and this role
   * may not create it.
   *
   * @param nothingDone what the goal did not do, e.g. "Nothing was applied"
   */
  void requireCreatable(String nothingDone, String goal) throws SQLException {
    if (!exists()) {
      missingIn.requireCreatable(table, nothingDone, goal);
    }
  }

  /**
   * Fails, before stamp compares anything, when the table lacks a column stamp writes (its checksum and stamp; a
   * table stock MyBatis made has neither) and this role cannot add them: only its owner may, and a DBA may have
   * created the table for a role that only writes its rows.
   */
  void requireStampColumns() throws SQLException {
    if (!exists()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!hasColumn("checksum")) {
      missing.add("ALTER TABLE " + table + " ADD COLUMN checksum varchar(64);");
    }
    if (!hasColumn("stamp")) {
      missing.add("ALTER TABLE " + table + " ADD COLUMN " + STAMP_COLUMN + ";");
    }
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement("select pg_has_role(c.relowner, 'USAGE'),"
        + " pg_get_userbyid(c.relowner), current_user from pg_class c where c.oid = to_regclass(?)")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new MigrationFailureException("Nothing was stamped or compared: the changelog table " + table
              + " lacks " + (missing.size() == 1 ? "a column" : "the columns") + " stamp writes (the checksum of"
              + " each script, and whether it verified the schema), and the role " + rs.getString(3) + " cannot add"
              + " them: only the table's owner, " + rs.getString(2) + ", may. Have the owner run\n    "
              + String.join("\n    ", missing) + "\n  then run the same mvn quantagent:stamp command again.");
        }
      }
    }
  }

  /** Records a migration as applied without running it; {@code stamp} says whether its schema was verified. */
  void insertStamped(MigrationInfo migration, String checksum, boolean verified) throws SQLException {
    if (!hasColumn("stamp")) {
      columnsRead = false;
      try (Statement statement = connection.createStatement()) {
        statement.execute("alter table " + table + " add column if not exists " + STAMP_COLUMN);
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("insert into " + table
        + " (id, applied_at, description, checksum, stamp) values (?, ?, ?, ?, ?)")) {
      statement.setBigDecimal(1, migration.id());
      statement.setString(2, DatabaseOperation.generateAppliedTimeStampAsString());
      statement.setString(3, migration.description());
      statement.setString(4, checksum);
      statement.setString(5, verified ? "verified" : "unverified");
      statement.executeUpdate();
    }
  }

  /**
   * Takes back a first run's unfinished mark once stamp has recorded rows: the database is adopted at a migration, and
   * a schema-only dump of it must read as a restore. Only the owner may; elsewhere the mark stays, as before it.
   */
  void settleFirstRun() throws SQLException {
    if (mark().state() == ChangelogMark.State.FIRST_RUN_UNFINISHED && owned()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(ChangelogMark.ours(table));
      }
    }
  }

  void delete(MigrationInfo migration) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("delete from " + table + " where id = ?")) {
      statement.setBigDecimal(1, migration.id());
      statement.executeUpdate();
    }
  }

  /** Recorded checksums by migration id; a row without one (applied by stock MyBatis) is absent. */
  Map<BigDecimal, String> checksums() throws SQLException {
    Map<BigDecimal, String> checksums = new HashMap<>();
    if (!hasColumn("checksum")) {
      return checksums;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select id, checksum from " + table + " where checksum is not null")) {
      while (rs.next()) {
        checksums.put(rs.getBigDecimal(1).stripTrailingZeros(), rs.getString(2));
      }
    }
    return checksums;
  }

  void recordChecksum(BigDecimal id, String checksum) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("update " + table + " set checksum = ? where id = ?")) {
      statement.setString(1, checksum);
      statement.setBigDecimal(2, id);
      statement.executeUpdate();
    }
  }

  DatabaseOperationOption options() {
    DatabaseOperationOption option = new DatabaseOperationOption();
    option.setChangelogTable(table);
    // The whole section goes to SplittingStatement, which splits it the PostgreSQL way.
    option.setSendFullScript(true);
    return option;
  }
}
