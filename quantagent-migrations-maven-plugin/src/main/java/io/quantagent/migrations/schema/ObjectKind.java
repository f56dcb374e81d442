package io.quantagent.migrations.schema;

/** The kinds of schema object a snapshot holds, in the order differences are listed, with the words used for them. */
public enum ObjectKind {
  ENUM_TYPE("enum type"),
  SEQUENCE("sequence"),
  TABLE("table"),
  COLUMN("column"),
  PRIMARY_KEY("primary key"),
  UNIQUE_CONSTRAINT("unique constraint"),
  FOREIGN_KEY("foreign key"),
  CHECK_CONSTRAINT("check constraint"),
  EXCLUSION_CONSTRAINT("exclusion constraint"),
  INDEX("index"),
  VIEW("view"),
  MATERIALIZED_VIEW("materialized view"),
  FUNCTION("function"),
  PROCEDURE("procedure"),
  TRIGGER("trigger");

  private final String label;

  ObjectKind(String label) {
    this.label = label;
  }

  /** How a person calls it: {@code "foreign key"}, {@code "materialized view"}. */
  public String label() {
    return label;
  }

  /** The kind of a {@code pg_constraint.contype}; null for kinds a snapshot does not hold (NOT NULL, triggers). */
  static ObjectKind ofConstraintType(String contype) {
    return switch (contype) {
      case "p" -> PRIMARY_KEY;
      case "u" -> UNIQUE_CONSTRAINT;
      case "f" -> FOREIGN_KEY;
      case "c" -> CHECK_CONSTRAINT;
      case "x" -> EXCLUSION_CONSTRAINT;
      default -> null;
    };
  }
}
