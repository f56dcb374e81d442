package io.quantagent.migrations.engine;

import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.UrlMasker;
import java.sql.SQLException;

/**
 * Refuses to write where nothing can be written: a standby (a read replica, which DATABASE_URL can point at by
 * mistake), or a database whose new transactions start read-only. There the changelog's creation or the first
 * statement would fail, and the error would blame the script.
 */
final class ReadOnlyServer {
  private ReadOnlyServer() {}

  static void refuse(MigrationConnection session) throws SQLException {
    if (!session.readOnly()) {
      return;
    }
    String url = UrlMasker.mask(session.connection().getMetaData().getURL());
    if (session.inRecovery()) {
      throw new InvalidDatabaseUrlException("Refusing to migrate " + url + ": it is a standby (a read replica, in"
          + " recovery), where nothing can be written. Point -Dquantagent.url (or DATABASE_URL) at the primary.");
    }
    throw new InvalidDatabaseUrlException("Refusing to migrate " + url + ": its transactions start read-only"
        + " (default_transaction_read_only is on for the server, the database or the user), so nothing could be"
        + " written. Point -Dquantagent.url (or DATABASE_URL) at a writable database, or turn it off for the user"
        + " that migrates (ALTER ROLE ... SET default_transaction_read_only = off; a URL with readOnly=true and"
        + " readOnlyMode=always sets it too).");
  }
}
