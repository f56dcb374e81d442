package io.quantagent.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sequence's options as {@link CatalogQueries} prints them ({@code as bigint start 1 increment 1 minvalue 1
 * maxvalue 9223372036854775807 cache 1 no cycle}), and the {@code ALTER SEQUENCE} clauses that change one into
 * another.
 */
record SequenceOptions(String type, String start, String increment, String minValue, String maxValue, String cache,
    boolean cycle) {
  private static final Pattern PRINTED = Pattern.compile(
      "as (.+) start (-?\\d+) increment (-?\\d+) minvalue (-?\\d+) maxvalue (-?\\d+) cache (\\d+) (cycle|no cycle)");

  static SequenceOptions parse(String definition) {
    Matcher options = PRINTED.matcher(definition);
    if (!options.matches()) {
      throw new IllegalArgumentException("Not a sequence definition as the catalog query prints it: " + definition);
    }
    return new SequenceOptions(options.group(1), options.group(2), options.group(3), options.group(4),
        options.group(5), options.group(6), options.group(7).equals("cycle"));
  }

  /**
   * The clauses that give a sequence with these options the {@code target}'s, and only those. Never RESTART: it
   * sets the current value back, and a table's ids would be handed out a second time. START WITH only records the
   * value a later RESTART goes back to.
   */
  String alterTo(SequenceOptions target) {
    List<String> clauses = new ArrayList<>();
    boolean typeChanges = !type.equals(target.type);
    if (typeChanges) {
      clauses.add("AS " + target.type);
    }
    if (!start.equals(target.start)) {
      clauses.add("START WITH " + target.start);
    }
    if (!increment.equals(target.increment)) {
      clauses.add("INCREMENT BY " + target.increment);
    }
    // With AS, PostgreSQL moves a bound that was the old type's limit to the new type's, unless it is given.
    if (typeChanges || !minValue.equals(target.minValue)) {
      clauses.add("MINVALUE " + target.minValue);
    }
    if (typeChanges || !maxValue.equals(target.maxValue)) {
      clauses.add("MAXVALUE " + target.maxValue);
    }
    if (!cache.equals(target.cache)) {
      clauses.add("CACHE " + target.cache);
    }
    if (cycle != target.cycle) {
      clauses.add(target.cycle ? "CYCLE" : "NO CYCLE");
    }
    return String.join(" ", clauses);
  }
}
