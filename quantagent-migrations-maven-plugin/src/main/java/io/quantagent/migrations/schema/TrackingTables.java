package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigratorSettings;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables migration tools keep their own state in, which are no part of the schema: ours (the changelog table,
 * {@code changelog} by default), Alembic's {@code alembic_version}, Flyway's {@code flyway_schema_history} and
 * Liquibase's {@code databasechangelog} and {@code databasechangeloglock}.
 */
public record TrackingTables(String changelogTable) {
  private static final Set<String> OTHER_TOOLS = Set.of("alembic_version", "flyway_schema_history");
  private static final Pattern LIQUIBASE = Pattern.compile("databasechangelog.*");

  public TrackingTables {
    if (changelogTable == null || changelogTable.isBlank()) {
      throw new IllegalArgumentException("The changelog table name is empty; the default is " + MigratorSettings.DEFAULT_CHANGELOG_TABLE);
    }
  }

  public static TrackingTables defaults() {
    return new TrackingTables(MigratorSettings.DEFAULT_CHANGELOG_TABLE);
  }

  public boolean contains(String table) {
    return table.equals(changelogTable) || OTHER_TOOLS.contains(table) || LIQUIBASE.matcher(table).matches();
  }
}
