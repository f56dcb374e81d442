package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import java.util.function.Predicate;

/**
 * What of the live database's session a scratch database must share to build its schema alike: where names go
 * ({@link SearchPath}) and the TimeZone its migrations ran in ({@link LiveTimeZone}).
 */
record LiveSession(SearchPath searchPath, LiveTimeZone timeZone) {
  /** A new database's, for a model, which has no live database to follow. */
  static final LiveSession NEW_DATABASE = new LiveSession(SearchPath.NEW_DATABASE, LiveTimeZone.NONE);

  /** {@code scratch}'s connections, prepared as {@link SearchPath#on} and {@link LiveTimeZone#on} say. */
  ConnectionFactory on(ConnectionFactory scratch, Predicate<String> createdByMigrations) {
    return searchPath.on(timeZone.on(scratch), createdByMigrations);
  }
}
