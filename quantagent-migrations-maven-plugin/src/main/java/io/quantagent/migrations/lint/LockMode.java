package io.quantagent.migrations.lint;

import java.util.Locale;

/** PostgreSQL's table lock modes, weakest first, with what each one makes other sessions wait for. */
public enum LockMode {
  ACCESS_SHARE("nothing but ACCESS EXCLUSIVE"),
  ROW_SHARE("EXCLUSIVE and ACCESS EXCLUSIVE"),
  ROW_EXCLUSIVE("SHARE and stronger (index builds), and updates of the same rows"),
  SHARE_UPDATE_EXCLUSIVE("other schema changes and VACUUM, not reads or writes"),
  SHARE("writes (INSERT, UPDATE, DELETE)"),
  SHARE_ROW_EXCLUSIVE("writes (INSERT, UPDATE, DELETE)"),
  EXCLUSIVE("writes and SELECT ... FOR UPDATE"),
  ACCESS_EXCLUSIVE("reads and writes");

  private final String blocks;

  LockMode(String blocks) {
    this.blocks = blocks;
  }

  /** {@code ACCESS EXCLUSIVE}, as PostgreSQL's documentation writes it. */
  public String label() {
    return name().replace('_', ' ');
  }

  public String blocks() {
    return blocks;
  }

  /** Whether sessions that only read and write rows must wait for it. */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }

  /** From {@code pg_locks.mode} ({@code AccessExclusiveLock}) or a LOCK TABLE mode ({@code access exclusive}). */
  static LockMode parse(String text) {
    String normalized = text.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1_$2").replace(' ', '_')
        .toUpperCase(Locale.ROOT);
    return valueOf(normalized);
  }
}
