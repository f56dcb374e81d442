package io.quantagent.migrations.engine;

import java.util.List;

/** Compares the live database with the schema the migrations build up to a revision. */
@FunctionalInterface
public interface SchemaVerifier {

  /** One line per difference, in a stable order; empty when the live schema is what the migrations build. */
  List<String> differences(MigrationInfo revision);
}
