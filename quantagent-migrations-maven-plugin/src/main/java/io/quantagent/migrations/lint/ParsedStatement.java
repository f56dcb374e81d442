package io.quantagent.migrations.lint;

import java.util.List;

/**
 * What one statement does, as far as the rules need to know: the DDL that locks or rewrites tables, data changes,
 * timeout settings. Anything else is {@link Other}.
 */
sealed interface ParsedStatement {

  record CreateTable(RelationName table, boolean ifNotExists, List<ColumnDefinition> columns,
      List<TableConstraint> constraints) implements ParsedStatement {}

  record AlterTable(RelationName table, List<AlterAction> actions) implements ParsedStatement {}

  record CreateIndex(String name, RelationName table, boolean concurrently, boolean unique) implements ParsedStatement {}

  record DropIndex(List<RelationName> indexes, boolean concurrently) implements ParsedStatement {}

  record DropTable(List<RelationName> tables) implements ParsedStatement {}

  /** {@code REINDEX INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}. */
  record Reindex(String scope, RelationName target, boolean concurrently) implements ParsedStatement {}

  record Vacuum(boolean full) implements ParsedStatement {}

  record Cluster(RelationName table) implements ParsedStatement {}

  record LockTable(List<RelationName> tables, LockMode mode) implements ParsedStatement {}

  /** {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK} and the like, as the runner reads them (TransactionControl). */
  record TransactionStatement(String firstLine) implements ParsedStatement {}

  /** An UPDATE or DELETE. */
  record DataChange(String verb, RelationName table, boolean hasWhere) implements ParsedStatement {}

  /** {@code SET [LOCAL] name = value} or {@code SELECT set_config('name', 'value', ...)}. */
  record SetParameter(String name, String value) implements ParsedStatement {}

  /** {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY} and other statements that refuse a transaction. */
  record Other(String keyword, boolean concurrently) implements ParsedStatement {}

  /** One action of an ALTER TABLE. */
  sealed interface AlterAction {
    record AddColumn(ColumnDefinition column) implements AlterAction {}

    record DropColumn(String column) implements AlterAction {}

    record AlterColumnType(String column, TypeName type, boolean using) implements AlterAction {}

    record SetNotNull(String column) implements AlterAction {}

    record AddConstraint(TableConstraint constraint) implements AlterAction {}

    record ValidateConstraint(String name) implements AlterAction {}

    record RenameColumn(String from, String to) implements AlterAction {}

    record RenameTable(String to) implements AlterAction {}

    /** An action no rule looks at (SET DEFAULT, OWNER TO, ...); {@code concurrently} for DETACH ... CONCURRENTLY. */
    record OtherAction(String keyword, boolean concurrently) implements AlterAction {}
  }
}
