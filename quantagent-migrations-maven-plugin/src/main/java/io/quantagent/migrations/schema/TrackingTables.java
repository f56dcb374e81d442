package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.OtherToolsTables;

/**
 * The tables migration tools keep their own state in, which are no part of the schema: ours (the changelog table,
 * {@code changelog} by default) and {@link OtherToolsTables other tools'}.
 */
public record TrackingTables(String changelogTable) {
  public TrackingTables {
    if (changelogTable == null || changelogTable.isBlank()) {
      throw new IllegalArgumentException("The changelog table name is empty; the default is " + MigratorSettings.DEFAULT_CHANGELOG_TABLE);
    }
  }

  public static TrackingTables defaults() {
    return new TrackingTables(MigratorSettings.DEFAULT_CHANGELOG_TABLE);
  }

  public boolean contains(String table) {
    return table.equals(changelogTable) || OtherToolsTables.contains(table);
  }
}
