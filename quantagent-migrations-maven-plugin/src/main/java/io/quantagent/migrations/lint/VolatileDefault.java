package io.quantagent.migrations.lint;

import io.quantagent.migrations.lint.ColumnDefinition.Generated;
import java.util.List;
import java.util.Set;

/**
 * Why adding a column fills every existing row one by one (and so rewrites the table), or null when PostgreSQL
 * stores its default once in the catalog: since 11 a constant or stable default ({@code 0}, {@code 'x'},
 * {@code now()}) costs nothing; a volatile one, a sequence, or a stored generated column does.
 */
final class VolatileDefault {
  /** Built-in functions PostgreSQL marks VOLATILE that column defaults use. */
  private static final Set<String> VOLATILE = Set.of("clock_timestamp", "timeofday", "random", "random_normal",
      "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
      "gen_random_bytes", "nextval", "setval", "txid_current", "pg_current_xact_id");

  private VolatileDefault() {}

  static String reason(ColumnDefinition column, int postgresVersion) {
    if (column.type().isSerial()) {
      return "is " + column.type() + ": every existing row draws its own nextval()";
    }
    if (column.generated() == Generated.IDENTITY) {
      return "is an identity column: every existing row draws its own sequence value";
    }
    if (column.generated() == Generated.STORED) {
      return "is GENERATED ... STORED: the value is computed and stored for every existing row";
    }
    if (column.generated() == Generated.VIRTUAL && postgresVersion < 18) {
      return "is a generated column, which before PostgreSQL 18 is stored: computed for every existing row";
    }
    if (!column.hasDefault()) {
      return null;
    }
    if (postgresVersion < 11) {
      return "has a DEFAULT, which before PostgreSQL 11 is written into every existing row";
    }
    String function = volatileFunction(column.defaultExpression());
    return function == null ? null
        : "has the volatile DEFAULT " + function + "(): it is evaluated and written for every existing row";
  }

  private static String volatileFunction(List<SqlToken> expression) {
    for (int i = 0; i < expression.size(); i++) {
      SqlToken token = expression.get(i);
      boolean call = i + 1 < expression.size() && expression.get(i + 1).isPunctuation("(");
      if (call && token.kind() == SqlToken.Kind.WORD && VOLATILE.contains(token.value())) {
        return token.value();
      }
    }
    return null;
  }
}
