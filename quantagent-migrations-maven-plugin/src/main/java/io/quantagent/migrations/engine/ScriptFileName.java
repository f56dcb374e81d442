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

  /** Files in a scripts folder that MyBatis treats as migrations (it reserves these two names). */
  public static boolean isScript(String filename) {
    return filename.endsWith(".sql") && !filename.equals("bootstrap.sql") && !filename.equals("onabort.sql");
  }

  public static ScriptFileName parse(String filename) {
    Matcher m = NAME.matcher(filename);
    if (!m.matches()) {
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
