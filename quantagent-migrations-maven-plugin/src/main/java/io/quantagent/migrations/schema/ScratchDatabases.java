package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;

/** Where an expected schema is built: a new, empty database on a server of the live server's major version. */
@FunctionalInterface
public interface ScratchDatabases {

  Scratch create(int serverMajorVersion);

  /** An empty database for one comparison; closing it throws it away. */
  interface Scratch extends AutoCloseable {
    ConnectionFactory connections();

    @Override
    void close();
  }
}
