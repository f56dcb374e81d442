package io.quantagent.migrations.lint;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table that existed before a statement and that the statement locked, rewrote or scanned, as the server showed
 * it: the strongest lock the migration's transaction now holds on it, whether its file was replaced (a rewrite) or it
 * was read whole (a scan), and, when a live database is known, its row estimate there ({@code pg_class.reltuples};
 * negative when never analyzed; null when unknown).
 */
public record LockedTable(String schema, String name, LockMode mode, boolean rewrite, boolean scan,
    Double liveRows) {

  LockedTable withLiveRows(Double rows) {
    return new LockedTable(schema, name, mode, rewrite, scan, rows);
  }

  public String modeLabel() {
    return mode == null ? "no lock" : mode.label();
  }

  /** {@code ACCESS EXCLUSIVE on trades (rewrite, ~12,000,000 rows)}. */
  public String describe() {
    List<String> notes = new ArrayList<>();
    if (rewrite) {
      notes.add("rewrite");
    } else if (scan) {
      notes.add("full scan");
    }
    if (liveRows != null) {
      notes.add(liveRows < 0 ? "rows unknown: never analyzed"
          : "~" + NumberFormat.getIntegerInstance(Locale.ENGLISH).format(Math.round(liveRows)) + " rows");
    }
    String table = schema == null || schema.equals("public") ? name : schema + "." + name;
    return modeLabel() + " on " + table + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
  }
}
