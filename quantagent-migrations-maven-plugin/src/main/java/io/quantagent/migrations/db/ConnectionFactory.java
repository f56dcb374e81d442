package io.quantagent.migrations.db;

import java.sql.Connection;

/** Opens a new connection to the database being migrated; failures are reported as runtime exceptions. */
@FunctionalInterface
public interface ConnectionFactory {
  Connection open();
}
