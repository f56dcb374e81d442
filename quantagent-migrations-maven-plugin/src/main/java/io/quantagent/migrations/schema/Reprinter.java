package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own printing of a definition after one more parse: the definition is re-created from its text on the
 * scratch database that holds the migrations' schema, read back with the catalog function {@link CatalogReader} uses,
 * and rolled back. A deparsed text parsed once more prints its fixed point, so two texts that PostgreSQL reads as the
 * same definition reprint alike ({@code ARRAY['buy'::character varying, ...]::text[]} and
 * {@code ARRAY['buy'::character varying::text, ...]} both become the latter). Texts are parsed with an empty search
 * path, as they were printed. Nothing is committed; the connection is opened on first use only.
 */
final class Reprinter implements AutoCloseable {
  private static final String NAME = "quantagent_reprint";
  private static final String NOT_VALID = " NOT VALID";
  private static final String DISABLED = " (disabled)";
  private static final Pattern INDEX_NAME = Pattern.compile("^(CREATE (?:UNIQUE )?INDEX )(.+?)( ON )");
  private static final Pattern ROUTINE_NAME =
      Pattern.compile("^(CREATE OR REPLACE (?:FUNCTION|PROCEDURE) )([^(]+)(\\()");
  private static final Pattern TRIGGER_NAME =
      Pattern.compile("^(CREATE (?:CONSTRAINT )?TRIGGER )(.+?)( (?:BEFORE|AFTER|INSTEAD OF) )");

  private final ConnectionFactory scratch;
  private final String schema;
  private Connection connection;

  /** {@code schema}: where the migrations' schema is on the scratch database, the schema of its snapshot. */
  Reprinter(ConnectionFactory scratch, String schema) {
    this.scratch = scratch;
    this.schema = schema;
  }

  /** A CHECK or exclusion constraint ({@code pg_get_constraintdef}) on {@code table}. */
  Optional<String> constraint(String table, String definition) {
    boolean addNotValid = definition.startsWith("CHECK") && !definition.endsWith(NOT_VALID);
    return reprint("ALTER TABLE " + qualified(table) + " ADD CONSTRAINT " + NAME + " " + definition
            + (addNotValid ? NOT_VALID : ""),
        "select pg_get_constraintdef(oid, true) from pg_catalog.pg_constraint"
            + " where conrelid = " + regclass(table) + " and conname = '" + NAME + "'")
        .map(text -> addNotValid && text.endsWith(NOT_VALID) ? text.substring(0, text.length() - NOT_VALID.length()) : text);
  }

  /** An index ({@code pg_get_indexdef}), under a name of its own. */
  Optional<String> index(String definition) {
    Matcher name = INDEX_NAME.matcher(definition);
    if (!name.find()) {
      return Optional.empty();
    }
    return reprint(name.replaceFirst("$1" + NAME + "$3"),
        "select pg_get_indexdef(" + regclass(NAME) + ")");
  }

  /** A column default ({@code pg_get_expr}), set on the scratch database's column of that name. */
  Optional<String> columnDefault(String table, String column, String expression) {
    return reprint("ALTER TABLE " + qualified(table) + " ALTER COLUMN " + MigrationDraft.ident(column)
            + " SET DEFAULT " + expression, attributeDefault(table, column));
  }

  /** A stored generation expression, on a new column of {@code type} beside the table's own. */
  Optional<String> generated(String table, String type, String expression) {
    return reprint("ALTER TABLE " + qualified(table) + " ADD COLUMN " + NAME + " " + type
        + " GENERATED ALWAYS AS (" + expression + ") STORED", attributeDefault(table, NAME));
  }

  /** A view's or materialized view's query ({@code pg_get_viewdef}), as a plain view of its own. */
  Optional<String> viewQuery(String query) {
    String body = query.strip();
    return reprint("CREATE VIEW " + qualified(NAME) + " AS " + (body.endsWith(";") ? body.substring(0, body.length() - 1) : body),
        "select pg_get_viewdef(" + regclass(NAME) + ", true)");
  }

  /** A trigger ({@code pg_get_triggerdef}, with the snapshot's " (disabled)"), under a name of its own. */
  Optional<String> trigger(String table, String definition) {
    boolean disabled = definition.endsWith(DISABLED);
    String text = disabled ? definition.substring(0, definition.length() - DISABLED.length()) : definition;
    Matcher name = TRIGGER_NAME.matcher(text);
    if (!name.find()) {
      return Optional.empty();
    }
    return reprint(name.replaceFirst("$1" + NAME + "$3"),
        "select pg_get_triggerdef(oid, true) from pg_catalog.pg_trigger"
            + " where tgrelid = " + regclass(table) + " and tgname = '" + NAME + "'")
        .map(reprinted -> disabled ? reprinted + DISABLED : reprinted);
  }

  /**
   * A function or procedure ({@code pg_get_functiondef}), under a name of its own. A body in standard SQL
   * ({@code BEGIN ATOMIC}, PostgreSQL 14 and later) is stored parsed and printed back, as a CHECK is.
   */
  Optional<String> routine(String definition) {
    Matcher name = ROUTINE_NAME.matcher(definition);
    if (!name.find()) {
      return Optional.empty();
    }
    return reprint(name.replaceFirst("$1" + Matcher.quoteReplacement(qualified(NAME)) + "$3"),
        "select pg_get_functiondef(p.oid) from pg_catalog.pg_proc p where p.proname = '" + NAME + "'"
            + " and p.pronamespace = " + literal(MigrationDraft.ident(schema)) + "::pg_catalog.regnamespace");
  }

  /**
   * Runs {@code create} and {@code readBack} under a savepoint it rolls back to. A definition PostgreSQL does not
   * accept here (it names an object only the live database has, say) has no reprint: it stays a difference.
   */
  private Optional<String> reprint(String create, String readBack) {
    try {
      Connection c = connection();
      Savepoint savepoint = c.setSavepoint();
      try (Statement statement = c.createStatement()) {
        statement.execute(create);
        try (ResultSet rs = statement.executeQuery(readBack)) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
      } catch (SQLException e) {
        return Optional.empty();
      } finally {
        c.rollback(savepoint);
      }
    } catch (SQLException e) {
      throw new CatalogReadException("Cannot reprint definitions on the scratch database: " + e.getMessage(), e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = scratch.open();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local search_path = ''");
      }
    }
    return connection;
  }

  private String attributeDefault(String table, String column) {
    return "select pg_get_expr(d.adbin, d.adrelid, true) from pg_catalog.pg_attrdef d"
        + " join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum"
        + " where d.adrelid = " + regclass(table) + " and a.attname = " + literal(column);
  }

  private String qualified(String name) {
    return MigrationDraft.ident(schema) + "." + MigrationDraft.ident(name);
  }

  private String regclass(String name) {
    return literal(qualified(name)) + "::pg_catalog.regclass";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  @Override
  public void close() {
    if (connection != null) {
      try (Connection c = connection) {
        c.rollback();
      } catch (SQLException ignored) {
        // the scratch database is thrown away next; nothing was committed
      }
    }
  }
}
