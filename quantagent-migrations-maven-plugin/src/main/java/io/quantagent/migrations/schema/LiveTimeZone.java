package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.ConfiguredTimeZone;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The TimeZone the live database's migrations run in ({@link ConfiguredTimeZone}), made the scratch database's own, so
 * that both build alike: a timestamptz constant (a column default, a CHECK, a partition bound) is stored as the
 * instant its text means in the zone of the session that created it, and two zones would print as drift.
 */
record LiveTimeZone(Optional<String> zone) {
  static final LiveTimeZone NONE = new LiveTimeZone(Optional.empty());

  static LiveTimeZone of(Connection live) throws SQLException {
    return new LiveTimeZone(ConfiguredTimeZone.of(live));
  }

  /** {@code scratch}'s connections, its database configured with the live zone before the first one opens. */
  ConnectionFactory on(ConnectionFactory scratch) {
    if (zone.isEmpty()) {
      return scratch;
    }
    return ScratchDefault.afterOnce(scratch, "Cannot give the scratch database the live database's TimeZone "
        + zone.get(), statement -> ScratchDefault.set(statement, "timezone to " + MigrationDraft.literal(zone.get())));
  }
}
