package io.quantagent.migrations.lint;

import java.util.List;

/**
 * A column as CREATE TABLE or ADD COLUMN defines it: name, type, default expression (tokens, empty when none), how
 * it is generated, and its inline constraints.
 */
record ColumnDefinition(String name, TypeName type, List<SqlToken> defaultExpression, Generated generated,
    boolean notNull, List<TableConstraint> constraints) {

  enum Generated {
    NO,
    /** {@code GENERATED ALWAYS AS (expr) STORED}: computed for every row when added. */
    STORED,
    /** {@code GENERATED ALWAYS AS (expr) [VIRTUAL]} (PostgreSQL 18): computed when read. */
    VIRTUAL,
    /** {@code GENERATED ... AS IDENTITY}: a sequence value for every row when added. */
    IDENTITY
  }

  boolean hasDefault() {
    return !defaultExpression.isEmpty() && !(defaultExpression.size() == 1 && defaultExpression.get(0).is("null"));
  }
}
