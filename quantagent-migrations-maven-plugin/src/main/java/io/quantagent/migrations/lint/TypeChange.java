package io.quantagent.migrations.lint;

import java.util.List;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites the table, by PostgreSQL's rules: a change between binary-compatible
 * types whose new modifier accepts every old value (varchar widening, {@code varchar(n)} to {@code text}, numeric
 * precision widening at the same scale, more fractional seconds) only updates the catalog; anything else rewrites
 * the table and rebuilds its indexes under ACCESS EXCLUSIVE.
 */
enum TypeChange {
  NONE,
  CATALOG_ONLY,
  /**
   * {@code timestamp} to {@code timestamptz} or back: free only when the session's TimeZone is UTC (PostgreSQL 12+),
   * where the two store the same values.
   */
  REWRITE_UNLESS_UTC,
  REWRITE;

  private static final Set<String> TEXTUAL = Set.of("varchar", "text");
  private static final Set<String> TIMES = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");

  static TypeChange between(TypeName from, TypeName to, boolean using) {
    if (using) {
      return REWRITE;
    }
    if (from.array() != to.array()) {
      return REWRITE;
    }
    if (from.base().equals(to.base()) && from.modifiers().equals(to.modifiers())) {
      return NONE;
    }
    if (TEXTUAL.contains(from.base()) && TEXTUAL.contains(to.base())) {
      return widens(from, to) ? CATALOG_ONLY : REWRITE;
    }
    if (from.base().equals(to.base()) && (from.base().equals("numeric"))) {
      return numericWidens(from.modifiers(), to.modifiers()) ? CATALOG_ONLY : REWRITE;
    }
    if (from.base().equals(to.base()) && (from.base().equals("varbit") || TIMES.contains(from.base()))) {
      return widens(from, to) ? CATALOG_ONLY : REWRITE;
    }
    if (from.base().equals("cidr") && to.base().equals("inet")) {
      return CATALOG_ONLY;
    }
    boolean timeZoneOnly = from.base().equals("timestamp") && to.base().equals("timestamptz")
        || from.base().equals("timestamptz") && to.base().equals("timestamp");
    if (timeZoneOnly && to.modifiers().isEmpty()) {
      return REWRITE_UNLESS_UTC;
    }
    return REWRITE;
  }

  /** Unbounded, or bounded at least as wide; text takes any varchar, a bounded varchar takes no text. */
  private static boolean widens(TypeName from, TypeName to) {
    if (to.modifiers().isEmpty()) {
      return true;
    }
    if (from.modifiers().isEmpty()) {
      return false;
    }
    return to.modifiers().get(0) >= from.modifiers().get(0);
  }

  private static boolean numericWidens(List<Integer> from, List<Integer> to) {
    if (to.isEmpty()) {
      return true;
    }
    if (from.isEmpty()) {
      return false;
    }
    int fromScale = from.size() > 1 ? from.get(1) : 0;
    int toScale = to.size() > 1 ? to.get(1) : 0;
    return fromScale == toScale && to.get(0) >= from.get(0);
  }
}
