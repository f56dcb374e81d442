package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.InvalidScriptException;
import io.quantagent.migrations.engine.PostgresScriptSplitter;
import io.quantagent.migrations.engine.ScriptText;
import io.quantagent.migrations.engine.SqlStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema as it should be, declared in plain PostgreSQL DDL: a {@code schema.sql} kept by hand, or the script a
 * JPA/Hibernate build exports. It is built on an empty throwaway database and read from there, never parsed.
 */
public final class ModelSchema {
  private final Path file;

  private ModelSchema(Path file) {
    this.file = file;
  }

  /** The model in {@code file}, which must exist. */
  public static ModelSchema of(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("The model " + file + " does not exist. Point <model> (or -Dquantagent.model)"
          + " at the SQL file that declares the schema, e.g. src/main/sql/schema.sql.");
    }
    return new ModelSchema(file);
  }

  public Path file() {
    return file;
  }

  /** Runs the model's statements on {@code empty}, a database of its own, and reads the schema they built. */
  SchemaSnapshot buildOn(ConnectionFactory empty, TrackingTables tracking) {
    List<SqlStatement> statements = PostgresScriptSplitter.split(text());
    try (Connection connection = empty.open(); Statement statement = connection.createStatement()) {
      // Auto-commit, as psql runs a file: an exported script may hold statements no transaction takes.
      connection.setAutoCommit(true);
      for (SqlStatement sql : statements) {
        try {
          statement.execute(sql.sql());
        } catch (SQLException e) {
          throw new InvalidModelException("The model " + file + " does not build: statement " + sql.number() + " of "
              + statements.size() + " (line " + sql.line() + "): " + sql.firstLine() + "\n  " + e.getMessage()
              + "\n  Fix the model; it must build an empty database on its own, as plain PostgreSQL DDL.");
        }
      }
    } catch (SQLException e) {
      throw new CatalogReadException("Cannot build the model " + file + " on the scratch database: " + e.getMessage(), e);
    }
    return SchemaRead.of(empty, tracking, "model's scratch").snapshot();
  }

  private String text() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidModelException("Cannot read the model " + file + ": " + e.getMessage(), e);
    }
    try {
      return ScriptText.decode(bytes, "The model " + file);
    } catch (InvalidScriptException notUtf8) {
      throw new InvalidModelException(notUtf8.getMessage());
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
