package io.quantagent.migrations.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.operations.ChangelogOperation;
import org.apache.ibatis.migration.options.DatabaseOperationOption;

/**
 * The changelog table, in the shape MyBatis Migrations' own bootstrap script gives it (ID, APPLIED_AT,
 * DESCRIPTION), so that the stock {@code migrate status} reads a database this plugin migrated.
 */
final class Changelog {
  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Connection connection;
  private final String table;

  Changelog(Connection connection, String table) {
    this.connection = connection;
    this.table = table;
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

  boolean exists() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Applied migrations, oldest first; empty when the table does not exist yet. */
  List<Change> applied() throws SQLException {
    if (!exists()) {
      return new ArrayList<>();
    }
    return new ChangelogOperation(connection, options()).selectAll();
  }

  void createIfMissing() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("create table if not exists " + table + " ("
          + "id numeric(20,0) not null primary key, "
          + "applied_at varchar(25) not null, "
          + "description varchar(255) not null)");
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
