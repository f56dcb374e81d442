package io.quantagent.migrations.schema;

import io.quantagent.migrations.schema.SchemaSnapshot.Column;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence a column's default takes its values from, when the column owns it: the one {@code serial} makes, or
 * one made by hand and given to the column with {@code ALTER SEQUENCE ... OWNED BY}. An owned sequence is no entry of
 * {@link SchemaSnapshot#sequences()} (it belongs to its column), so a draft that adds the column must make it too;
 * dropping the column or its table drops it.
 */
record OwnedSequence(String schema, String name, String tableSchema, String table, String column, String definition) {
  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'::regclass\\)");
  /** PostgreSQL's NAMEDATALEN - 1: serial shortens a longer name, or numbers it when the name is taken. */
  private static final int LONGEST_NAME = 63;
  private static final Map<String, String> SERIAL_TYPES = Map.of(
      "smallint", "smallserial", "integer", "serial", "bigint", "bigserial");
  private static final Map<String, String> LARGEST = Map.of(
      "smallint", "32767", "integer", "2147483647", "bigint", "9223372036854775807");

  /** The sequence {@code column} of {@code tableSchema.table} owns and takes its default from; empty for any other. */
  static Optional<OwnedSequence> of(String tableSchema, String table, Column column) {
    Matcher nextval = NEXTVAL.matcher(column.defaultValue());
    if (column.sequence().isEmpty() || !column.identity().isEmpty() || !nextval.matches()) {
      return Optional.empty();
    }
    List<String> parts = nameParts(nextval.group(1).replace("''", "'"));
    String sequenceSchema = parts.size() == 2 ? parts.get(0) : tableSchema;
    return Optional.of(new OwnedSequence(sequenceSchema, parts.get(parts.size() - 1), tableSchema, table, column.name(),
        column.sequence()));
  }

  /**
   * {@code serial}, {@code bigserial} or {@code smallserial} when that type alone makes this column and its sequence
   * as they are (the same name, type and options, and NOT NULL); else empty, and the sequence is written out.
   */
  Optional<String> serialType(Column owner) {
    String type = owner.type();
    String serialName = table + "_" + column + "_seq";
    boolean serialMakesIt = SERIAL_TYPES.containsKey(type) && owner.notNull() && owner.generated().isEmpty()
        && schema.equals(tableSchema) && name.equals(serialName)
        && serialName.getBytes(StandardCharsets.UTF_8).length <= LONGEST_NAME
        && SequenceOptions.parse(definition).equals(new SequenceOptions(type, "1", "1", "1", LARGEST.get(type), "1", false));
    return serialMakesIt ? Optional.of(SERIAL_TYPES.get(type)) : Optional.empty();
  }

  /** Before the table or column: its default names the sequence. */
  String create() {
    return "CREATE SEQUENCE " + qualifiedName() + " " + definition + ";";
  }

  /** After the table or column: it must exist to own the sequence. */
  String ownedBy() {
    return "ALTER SEQUENCE " + qualifiedName() + " OWNED BY " + MigrationDraft.ident(tableSchema) + "."
        + MigrationDraft.ident(table) + "." + MigrationDraft.ident(column) + ";";
  }

  private String qualifiedName() {
    return MigrationDraft.ident(schema) + "." + MigrationDraft.ident(name);
  }

  /** {@code public.orders_id_seq} or {@code public."Orders_id_seq"}, as regclass prints a name, split in two. */
  private static List<String> nameParts(String printed) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < printed.length(); i++) {
      char c = printed.charAt(i);
      if (c == '"' && quoted && i + 1 < printed.length() && printed.charAt(i + 1) == '"') {
        part.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }
}
