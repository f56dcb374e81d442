package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationFailureException;
import io.quantagent.migrations.schema.SchemaSnapshot.Index;
import java.util.List;

/**
 * The live database differs from the migrations at head only by indexes a failed {@code CREATE INDEX CONCURRENTLY}
 * left invalid. A migration builds an index valid, so none can express this, and "no drift" would be false; the fix is
 * on the live database itself.
 */
public final class InvalidIndexException extends MigrationFailureException {
  public InvalidIndexException(String schema, List<Index> invalid) {
    super("Not drafted: the live database has " + (invalid.size() == 1 ? "an invalid index" : "invalid indexes")
        + ", left by a failed CREATE INDEX CONCURRENTLY, and no other drift:\n  - "
        + String.join("\n  - ", invalid.stream().map(i -> i.name() + " on " + i.table() + " (" + i.definition() + ")")
            .toList())
        + "\n  No migration can express an invalid index: the one that builds it builds it valid. Drop it and build it"
        + " again on the live database (DROP INDEX CONCURRENTLY "
        + MigrationDraft.ident(schema) + "." + MigrationDraft.ident(invalid.get(0).name())
        + "; then its CREATE INDEX CONCURRENTLY, once what made it fail is fixed: duplicate values for a unique index,"
        + " a lock or statement timeout). Nothing was written.");
  }
}
