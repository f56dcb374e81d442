package io.quantagent.migrations.testing;

import java.sql.SQLException;
import java.util.List;

/**
 * Everything a goal could change in a database, as text: every relation, column, constraint and index of the user's
 * schemas with the transaction that last wrote its catalog row (xmin), and every row of the changelog table with
 * its own xmin. Equal fingerprints before and after a goal mean it wrote nothing, not even the same value again.
 */
public final class CatalogFingerprint {
  private static final String USER_SCHEMAS =
      "not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%'";

  private CatalogFingerprint() {}

  public static String of(TestDatabase db, String changelogTable) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (String query : List.of(
        "select format('%s %s %s %s %s', c.oid::regclass, c.relkind, c.relfilenode, c.relnatts, c.xmin)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname " + USER_SCHEMAS
            + " order by 1",
        "select format('%s.%s %s %s %s %s', a.attrelid::regclass, a.attname, a.atttypid::regtype, a.attnotnull,"
            + " a.attisdropped, a.xmin) from pg_attribute a join pg_class c on c.oid = a.attrelid"
            + " join pg_namespace n on n.oid = c.relnamespace where a.attnum > 0 and n.nspname " + USER_SCHEMAS
            + " order by 1",
        "select format('%s %s %s', co.conname, pg_get_constraintdef(co.oid), co.xmin) from pg_constraint co"
            + " join pg_namespace n on n.oid = co.connamespace where n.nspname " + USER_SCHEMAS + " order by 1")) {
      db.column(query).forEach(line -> text.append(line).append('\n'));
    }
    if (db.value("select to_regclass('" + changelogTable + "')") != null) {
      db.column("select format('%s %s', t, t.xmin) from " + changelogTable + " t order by t.id")
          .forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }
}
