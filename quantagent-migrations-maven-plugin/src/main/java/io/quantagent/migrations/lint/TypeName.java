package io.quantagent.migrations.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A column's data type, folded to PostgreSQL's own name for it ({@code character varying(20)} is {@code varchar}
 * with modifier 20, {@code double precision} is {@code float8}, {@code timestamp without time zone} is
 * {@code timestamp}), with its modifiers and whether it is an array, and the text as written for messages.
 */
record TypeName(String base, List<Integer> modifiers, boolean array, String written) {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
      Map.entry("bigint", "int8"), Map.entry("serial", "serial4"), Map.entry("bigserial", "serial8"),
      Map.entry("smallserial", "serial2"), Map.entry("real", "float4"), Map.entry("decimal", "numeric"),
      Map.entry("boolean", "bool"), Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
      Map.entry("varbit", "varbit"), Map.entry("dec", "numeric"));

  /** Types written as several words; each maps to its folded name. */
  private static final List<List<String>> MULTI_WORD = List.of(
      List.of("double", "precision"), List.of("character", "varying"), List.of("char", "varying"),
      List.of("national", "character", "varying"), List.of("national", "character"), List.of("bit", "varying"));

  boolean isFloat() {
    return base.equals("float4") || base.equals("float8");
  }

  boolean isSerial() {
    return base.startsWith("serial");
  }

  boolean isJson() {
    return base.equals("json");
  }

  boolean isTimestampWithoutTimeZone() {
    return base.equals("timestamp");
  }

  boolean isMoney() {
    return base.equals("money");
  }

  /** Reads a type at the cursor; null when no type name comes next. */
  static TypeName read(TokenCursor cursor) {
    if (!cursor.peek().isName()) {
      return null;
    }
    StringBuilder written = new StringBuilder();
    String base = null;
    for (List<String> words : MULTI_WORD) {
      if (cursor.accept(words.toArray(String[]::new))) {
        written.append(String.join(" ", words));
        base = switch (words.get(words.size() - 1)) {
          case "precision" -> "float8";
          case "varying" -> words.get(0).equals("bit") ? "varbit" : "varchar";
          default -> "bpchar";
        };
        break;
      }
    }
    if (base == null) {
      RelationName name = cursor.relationName();
      written.append(name.display());
      base = name.schema() == null || name.schema().equals("pg_catalog") ? name.name() : name.key();
      base = ALIASES.getOrDefault(base, base);
    }
    List<Integer> modifiers = new ArrayList<>();
    if (base.equals("interval")) {
      skipIntervalFields(cursor, written);
    }
    if (cursor.peek().isPunctuation("(")) {
      List<SqlToken> inside = cursor.parenthesized();
      written.append('(');
      for (SqlToken token : inside) {
        written.append(token.value());
        if (token.kind() == SqlToken.Kind.NUMBER) {
          modifiers.add(parseInt(token.value()));
        }
      }
      written.append(')');
    }
    if (base.equals("timestamp") || base.equals("time")) {
      if (cursor.accept("with", "time", "zone")) {
        base = base.equals("timestamp") ? "timestamptz" : "timetz";
        written.append(" with time zone");
      } else if (cursor.accept("without", "time", "zone")) {
        written.append(" without time zone");
      }
    }
    if (base.equals("float")) {
      base = !modifiers.isEmpty() && modifiers.get(0) <= 24 ? "float4" : "float8";
      modifiers.clear();
    }
    if (base.equals("bpchar") && modifiers.isEmpty() && !written.toString().equals("bpchar")) {
      modifiers.add(1);
    }
    boolean array = false;
    while (true) {
      if (cursor.acceptPunctuation("[")) {
        while (!cursor.atEnd() && !cursor.peek().isPunctuation("]")) {
          cursor.next();
        }
        cursor.acceptPunctuation("]");
        written.append("[]");
      } else if (cursor.accept("array")) {
        written.append(" array");
      } else {
        break;
      }
      array = true;
    }
    return new TypeName(base, List.copyOf(modifiers), array, written.toString());
  }

  private static void skipIntervalFields(TokenCursor cursor, StringBuilder written) {
    while (cursor.peekIs("year") || cursor.peekIs("month") || cursor.peekIs("day") || cursor.peekIs("hour")
        || cursor.peekIs("minute") || cursor.peekIs("second") || cursor.peekIs("to")) {
      written.append(' ').append(cursor.next().value());
    }
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.replace("_", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return written;
  }
}
