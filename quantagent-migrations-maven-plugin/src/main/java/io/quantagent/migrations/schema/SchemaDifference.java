package io.quantagent.migrations.schema;

import java.util.Comparator;

/**
 * One way the live database differs from what the migrations build: which object ({@code kind} and its name in the
 * schema, e.g. {@code trades.risk_level}), how serious it is, and what differs, worded to say which side has what.
 */
public record SchemaDifference(ObjectKind kind, String name, Severity severity, String text) {

  /** {@code DIFFERENCE}: the schemas differ. {@code WARNING}: they do not, but a person may want to know. */
  public enum Severity {
    DIFFERENCE,
    WARNING
  }

  /** Kind, then name, then text: the order {@link SchemaComparison} lists differences in. */
  public static final Comparator<SchemaDifference> ORDER = Comparator.comparing(SchemaDifference::kind)
      .thenComparing(SchemaDifference::name)
      .thenComparing(SchemaDifference::text);

  /** One line: {@code trades.risk_level: column in the database, not in the migrations (numeric(10,2))}. */
  public String describe() {
    return name + ": " + text;
  }

  public boolean isWarning() {
    return severity == Severity.WARNING;
  }

  static SchemaDifference inDatabaseOnly(ObjectKind kind, String name, String summary) {
    return new SchemaDifference(kind, name, Severity.DIFFERENCE,
        kind.label() + " in the database, not in the migrations" + parenthesized(summary));
  }

  static SchemaDifference inMigrationsOnly(ObjectKind kind, String name, String summary) {
    return new SchemaDifference(kind, name, Severity.DIFFERENCE,
        kind.label() + " in the migrations, not in the database" + parenthesized(summary));
  }

  /** {@code what}: {@code "column type differs"}; the two values as a person reads them. */
  static SchemaDifference differs(ObjectKind kind, String name, String what, String migrations, String database) {
    return new SchemaDifference(kind, name, Severity.DIFFERENCE,
        what + ": migrations have " + migrations + ", database has " + database);
  }

  static SchemaDifference warning(ObjectKind kind, String name, String what, String migrations, String database) {
    return new SchemaDifference(kind, name, Severity.WARNING,
        what + ": migrations have " + migrations + ", database has " + database);
  }

  private static String parenthesized(String summary) {
    return summary.isEmpty() ? "" : " (" + summary + ")";
  }
}
