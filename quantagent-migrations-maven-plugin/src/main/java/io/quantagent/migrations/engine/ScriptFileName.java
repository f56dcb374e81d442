package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.migration.Change;

/**
 * A migration script's file name, {@code <id>_<slug>.sql}: the id orders the migrations, the slug, with
 * underscores read as spaces, is the description recorded in the changelog (as MyBatis Migrations does).
 */
public record ScriptFileName(BigDecimal id, String slug) {
  private static final Pattern NAME = Pattern.compile("([0-9]+)_([A-Za-z0-9_.-]+)\\.sql");

  /**
   * Files in a scripts folder that are migrations or mean to be: MyBatis reads {@code .sql} alone, but a
   * {@code .SQL} file skipped in silence would be a migration that never runs, so {@link #parse} names it.
   * MyBatis reserves the two names {@code bootstrap.sql} and {@code onabort.sql}.
   */
  public static boolean isScript(String filename) {
    return isSqlFile(filename) && !filename.equals("bootstrap.sql") && !filename.equals("onabort.sql");
  }

  /** A name ending in {@code .sql} in any case. */
  static boolean isSqlFile(String filename) {
    return filename.regionMatches(true, filename.length() - ".sql".length(), ".sql", 0, ".sql".length());
  }

  public static ScriptFileName parse(String filename) {
    Matcher m = NAME.matcher(filename);
    if (!m.matches()) {
      if (isSqlFile(filename) && !filename.endsWith(".sql")) {
        String extension = filename.substring(filename.length() - ".sql".length());
        throw new InvalidScriptException(filename + " ends in " + extension + ", and only a name ending in .sql, in"
            + " lower case, is a migration (MyBatis Migrations reads no other). Rename it to "
            + filename.substring(0, filename.length() - extension.length()) + ".sql.");
      }
      throw new InvalidScriptException(filename + " is not a migration script name: expected <id>_<description>.sql,"
          + " e.g. 20250101120000_create_orders.sql (digits, an underscore, then letters, digits and underscores)."
          + " Rename it, or create scripts with mvn quantagent:create -Ddesc=\"...\".");
    }
    return new ScriptFileName(new BigDecimal(m.group(1)), m.group(2));
  }

  public String filename() {
    return id.toPlainString() + "_" + slug + ".sql";
  }

  public String description() {
    return slug.replace('_', ' ');
  }

  Change toChange() {
    Change change = new Change(id, null, description());
    change.setFilename(filename());
    return change;
  }
}
