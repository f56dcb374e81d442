package io.quantagent.migrations.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The query that names the invalid indexes an earlier failed run of one index build left, which the build would trip
 * over: an invalid index of the name a CREATE INDEX CONCURRENTLY builds (a rerun fails with "already exists"), and the
 * invalid {@code _ccnew}/{@code _ccold} copies of the indexes a REINDEX CONCURRENTLY rebuilds (a rerun builds
 * {@code _ccnew1} beside them and keeps them). One text for the runner, which drops what it names before the build, and
 * for the offline SQL, where psql's {@code \gexec} does the same when the DBA runs the file. An unnamed index's leftover
 * cannot be told apart: a rerun builds another name, and lint asks for a name.
 */
final class EarlierBuildLeftovers {
  /** NAMEDATALEN - 1: the bytes of the longest name PostgreSQL stores. */
  private static final int LONGEST_NAME = 63;
  /** What REINDEX CONCURRENTLY appends to an index's name (shortened to fit) for its copies. */
  private static final String COPY_SUFFIX = "'_cc(new|old)[0-9]*$'";

  private EarlierBuildLeftovers() {}

  /**
   * One column, the qualified name of each leftover; empty for a build whose leftovers cannot be told apart. The
   * statement's names are in the text as literals, resolved like the statement's own, on the session's search_path.
   */
  static Optional<String> query(Concurrently.IndexBuild build) {
    Optional<String> match = build.reindex() ? Optional.of(copyOf(build))
        : build.indexName().filter(name -> build.table().isPresent())
            .map(name -> "c.relname = " + literal(identifier(name)));
    return match.map(condition -> "with r as (select " + table(build) + " as oid),"
        // The table and, for a partitioned one, its partitions, whose indexes its REINDEX rebuilds one by one.
        + " t as (select oid from r union select relid from pg_partition_tree((select oid from r)))"
        + " select c.oid::regclass::text from pg_index i join pg_class c on c.oid = i.indexrelid"
        + " where not i.indisvalid and (i.indrelid in (select oid from t)"
        // REINDEX TABLE rebuilds the indexes of the table's TOAST table too.
        + (build.reindex() && build.table().isPresent()
            ? " or i.indrelid in (select reltoastrelid from pg_class where oid in (select oid from t))" : "")
        + ") and " + condition + " order by 1");
  }

  private static String table(Concurrently.IndexBuild build) {
    return build.table().map(table -> "to_regclass(" + literal(table) + ")")
        .orElseGet(() -> "(select indrelid from pg_index where indexrelid = to_regclass("
            + literal(build.reindexedIndex().orElseThrow()) + "))");
  }

  /**
   * A copy for REINDEX TABLE: any index's. For REINDEX INDEX: a copy of that index or of its partitions' indexes,
   * named after it or, where its name leaves no room for the suffix, after the first bytes of it.
   */
  private static String copyOf(Concurrently.IndexBuild build) {
    String copy = "c.relname ~ " + COPY_SUFFIX;
    return build.reindexedIndex().map(index -> {
      String base = "regexp_replace(c.relname, " + COPY_SUFFIX + ", '')";
      String reindexed = "to_regclass(" + literal(index) + ")";
      return copy + " and exists (select from pg_class x where (x.oid = " + reindexed
          + " or x.oid in (select relid from pg_partition_tree(" + reindexed + ")))"
          + " and (x.relname = " + base + " or octet_length(c.relname) = " + LONGEST_NAME
          + " and starts_with(x.relname, " + base + ")))";
    }).orElse(copy);
  }

  /** An identifier as PostgreSQL stores it: quoted as written, unquoted folded to lower case. */
  private static String identifier(String name) {
    return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
        : name.toLowerCase(Locale.ROOT);
  }

  /** An escape string, read the same whatever {@code standard_conforming_strings} says. */
  private static String literal(String text) {
    return "E'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
