package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;

/** One database's schema, read from the connection's current schema, and the major version of its server. */
record SchemaRead(int serverMajorVersion, SchemaSnapshot snapshot) {

  static SchemaRead of(ConnectionFactory database, TrackingTables tracking, String which) {
    try (Connection connection = database.open()) {
      return new SchemaRead(connection.getMetaData().getDatabaseMajorVersion(),
          new CatalogReader(tracking).read(connection, connection.getSchema()));
    } catch (SQLException e) {
      throw new CatalogReadException("Cannot read the " + which + " database's schema: " + e.getMessage(), e);
    }
  }
}
