package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database's schema, read from the connection's current schema, the major version of its server, and what of its
 * session a scratch database must share to build alike (its search_path and TimeZone).
 */
record SchemaRead(int serverMajorVersion, SchemaSnapshot snapshot, LiveSession session) {

  static SchemaRead of(ConnectionFactory database, TrackingTables tracking, String which) {
    try (Connection connection = database.open()) {
      return new SchemaRead(connection.getMetaData().getDatabaseMajorVersion(),
          new CatalogReader(tracking).read(connection, connection.getSchema()),
          new LiveSession(SearchPath.of(connection), LiveTimeZone.of(connection)));
    } catch (SQLException e) {
      throw new CatalogReadException("Cannot read the " + which + " database's schema: " + e.getMessage(), e);
    }
  }
}
