package io.quantagent.migrations.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements PostgreSQL refuses inside a transaction block because they build or drop an index without
 * blocking writers: {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}, {@code REINDEX ...
 * CONCURRENTLY} and {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}. ({@code REFRESH MATERIALIZED
 * VIEW CONCURRENTLY} runs in a transaction and is not one of them.)
 */
final class Concurrently {
  private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
  private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
  private static final Pattern CREATE_INDEX = Pattern.compile("(?is)create\\s+(?:unique\\s+)?index\\s+concurrently\\s+"
      + "(?:if\\s+not\\s+exists\\s+)?(?:(" + NAME + ")\\s+)?on\\s+(?:only\\s+)?(" + QUALIFIED + ").*");
  private static final Pattern REINDEX = Pattern.compile("(?is)reindex\\s+(?:\\([^)]*\\)\\s*)?(index|table|schema|"
      + "database|system)\\s+concurrently\\s+(" + QUALIFIED + ")?.*");
  private static final Pattern OTHER = Pattern.compile("(?is)(drop\\s+index\\s+concurrently\\b|"
      + "alter\\s+table\\b.*\\bdetach\\s+partition\\b.*\\bconcurrently\\b).*");

  /**
   * A statement that builds an index concurrently, and on which table, so that a failure can be cleaned up.
   * {@code reindex}: a REINDEX, whose new copy of an index is named {@code <index>_ccnew} while it is built.
   */
  record IndexBuild(Optional<String> indexName, Optional<String> table, Optional<String> reindexedIndex,
      boolean reindex) {}

  private Concurrently() {}

  static boolean is(SqlStatement statement) {
    String sql = statement.sql().strip();
    return CREATE_INDEX.matcher(sql).matches() || REINDEX.matcher(sql).matches() || OTHER.matcher(sql).matches();
  }

  /** For CREATE INDEX and REINDEX CONCURRENTLY: what an invalid index left by a failure would belong to. */
  static Optional<IndexBuild> indexBuild(SqlStatement statement) {
    String sql = statement.sql().strip();
    Matcher create = CREATE_INDEX.matcher(sql);
    if (create.matches()) {
      return Optional.of(new IndexBuild(Optional.ofNullable(create.group(1)), Optional.of(create.group(2)),
          Optional.empty(), false));
    }
    Matcher reindex = REINDEX.matcher(sql);
    if (reindex.matches() && reindex.group(2) != null) {
      String kind = reindex.group(1).toLowerCase(java.util.Locale.ROOT);
      if (kind.equals("table")) {
        return Optional.of(new IndexBuild(Optional.empty(), Optional.of(reindex.group(2)), Optional.empty(), true));
      }
      if (kind.equals("index")) {
        return Optional.of(new IndexBuild(Optional.empty(), Optional.empty(), Optional.of(reindex.group(2)), true));
      }
    }
    return Optional.empty();
  }
}
