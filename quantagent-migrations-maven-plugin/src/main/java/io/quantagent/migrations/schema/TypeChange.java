package io.quantagent.migrations.schema;

import java.util.Set;

/**
 * Whether a drafted column type change needs {@code USING}. Where PostgreSQL has an assignment cast, the draft goes
 * without it, so that a value that does not fit the new type is refused ("value too long for type character
 * varying(32)") where an explicit cast would cut or pad it: a resize within one type (varchar, char, bit), and a change
 * between the character types (text, varchar, char), which convert to each other on assignment.
 */
final class TypeChange {
  private static final Set<String> CHARACTER_TYPES = Set.of("text", "character varying", "character");

  private TypeChange() {}

  /** @param was the type without its modifier ({@code format_type(atttypid, null)}), and {@code becomes} the same */
  static boolean needsUsing(String was, String becomes) {
    return !was.equals(becomes) && !(CHARACTER_TYPES.contains(was) && CHARACTER_TYPES.contains(becomes));
  }
}
