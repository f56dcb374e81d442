package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationFailureException;
import io.quantagent.migrations.engine.MigrationInfo;
import java.util.List;

/**
 * The live database is behind its scripts, so a migration drafted from it would undo the pending ones (Alembic's
 * "Target database is not up to date"); nothing was written.
 */
public final class PendingMigrationsException extends MigrationFailureException {
  public PendingMigrationsException(List<MigrationInfo> pending) {
    super("Not drafted: the live database is not up to date; " + pending.size() + " migration"
        + (pending.size() == 1 ? " is" : "s are") + " pending:\n  - "
        + String.join("\n  - ", pending.stream().map(MigrationInfo::toString).toList())
        + "\n  A draft taken now would undo " + (pending.size() == 1 ? "it" : "them") + ". Run mvn quantagent:upgrade"
        + " first (a database built without this plugin: mvn quantagent:stamp -Dtarget=<the id it matches>), then"
        + " create -Dquantagent.autogenerate again. Nothing was written.");
  }
}
