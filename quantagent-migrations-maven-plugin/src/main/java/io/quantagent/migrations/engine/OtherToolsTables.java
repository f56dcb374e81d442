package io.quantagent.migrations.engine;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables other migration tools keep their own state in: Alembic's {@code alembic_version}, Flyway's
 * {@code flyway_schema_history} and Liquibase's {@code databasechangelog} and {@code databasechangeloglock}. They are
 * no part of a schema, and they stay when the migrations are undone to base.
 */
public final class OtherToolsTables {
  private static final Set<String> NAMES = Set.of("alembic_version", "flyway_schema_history");
  private static final Pattern LIQUIBASE = Pattern.compile("databasechangelog.*");

  private OtherToolsTables() {}

  public static boolean contains(String table) {
    return NAMES.contains(table) || LIQUIBASE.matcher(table).matches();
  }
}
