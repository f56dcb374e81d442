package io.quantagent.migrations.schema;

import io.quantagent.migrations.engine.MigrationFailureException;
import io.quantagent.migrations.engine.ScriptFailedException;
import java.util.function.Supplier;

/**
 * A script failed where the migrations were built on a scratch database, to compare or to prove: about the scratch
 * server, never about the live database. The script may be right for the live server and still fail there: a role it
 * grants to or assigns ownership to, or an extension it creates, exists only on the live server.
 */
public final class ScratchBuildFailedException extends MigrationFailureException {
  private ScratchBuildFailedException(ScriptFailedException failed, boolean liveDatabase) {
    super("The migrations' schema could not be built on the scratch database: " + failed.failure()
        + (liveDatabase
            ? "\n  The live database was not changed. The scratch database is on another server, which may lack the"
                + " live server's roles (GRANT ... TO, ALTER ... OWNER TO) and extensions (CREATE EXTENSION) that the"
                + " scripts name. Build it on a server like the live one, with"
            : "\n  No database of yours was read or changed (a model is compared with the migrations alone). The"
                + " scratch database's server may lack roles (GRANT ... TO, ALTER ... OWNER TO) and extensions (CREATE"
                + " EXTENSION) that the scripts name. Build it on a server that has them, with")
        + " -Dquantagent.scratchUrl=<a database URL on such a server, whose user has CREATEDB>, or fix the script if"
        + " it is wrong.", failed.getCause());
  }

  /** Runs {@code build}, the migrations applied to a scratch database, telling a failed script as the scratch's. */
  public static <T> T onScratch(Supplier<T> build) {
    return onScratch(build, true);
  }

  /** As {@link #onScratch(Supplier)}, where no live database takes part: a model's comparison. */
  static <T> T onScratchWithoutLiveDatabase(Supplier<T> build) {
    return onScratch(build, false);
  }

  private static <T> T onScratch(Supplier<T> build, boolean liveDatabase) {
    try {
      return build.get();
    } catch (ScriptFailedException e) {
      throw new ScratchBuildFailedException(e, liveDatabase);
    }
  }
}
