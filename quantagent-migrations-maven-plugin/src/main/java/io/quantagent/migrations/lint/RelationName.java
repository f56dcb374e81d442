package io.quantagent.migrations.lint;

import java.util.Locale;

/** A table's or index's name as a statement writes it: {@code trades}, {@code public.trades}, {@code "Trades"}. */
record RelationName(String schema, String name) {

  /**
   * The name scripts refer to the relation by: {@code public.trades} and {@code trades} are one table (scripts run
   * with the default search path).
   */
  String key() {
    return schema == null || schema.equals("public") ? name : schema + "." + name;
  }

  String display() {
    return schema == null ? quoteIfNeeded(name) : quoteIfNeeded(schema) + "." + quoteIfNeeded(name);
  }

  private static String quoteIfNeeded(String identifier) {
    boolean plain = !identifier.isEmpty() && identifier.equals(identifier.toLowerCase(Locale.ROOT))
        && identifier.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
        && !Character.isDigit(identifier.charAt(0));
    return plain ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String toString() {
    return display();
  }
}
