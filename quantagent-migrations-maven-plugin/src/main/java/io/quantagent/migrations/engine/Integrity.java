package io.quantagent.migrations.engine;

/** Whether an applied migration's script is still the one that was applied. */
public enum Integrity {
  /** The script's checksum equals the one recorded when it was applied. */
  OK,
  /** The script changed after it was applied. */
  EDITED,
  /** Applied without a checksum (by stock MyBatis Migrations, or before checksums); {@code repair} records one. */
  UNRECORDED,
  /** The changelog has it, the scripts do not. */
  NO_SCRIPT,
  /** Not applied: nothing to compare. */
  PENDING
}
