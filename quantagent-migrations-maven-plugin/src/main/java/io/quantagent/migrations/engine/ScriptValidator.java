package io.quantagent.migrations.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every script before anything runs, and reports all problems at once: names MyBatis cannot parse,
 * two scripts with one id, a missing {@code -- // description} header or {@code -- //@UNDO} line, an empty file, a
 * file that is not UTF-8 text, {@code .sql} files in a folder inside the scripts folder, MyBatis' own script that
 * creates the changelog.
 */
final class ScriptValidator {
  private static final Pattern HEADER = Pattern.compile("--\\s*//.*");
  private static final Pattern UNDO = Pattern.compile("(?m)^\\s*--\\s*//\\s*@UNDO\\b.*$");
  /** What MyBatis' {@code migrate init} writes as the first migration, property unfilled. */
  private static final Pattern STOCK_CHANGELOG = Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+\\$\\{changelog}");

  private final ScriptSource source;

  ScriptValidator(ScriptSource source) {
    this.source = source;
  }

  List<MigrationInfo> validScripts() {
    List<String> problems = new ArrayList<>(source.loader().problems());
    List<MigrationInfo> scripts = new ArrayList<>();
    Map<BigDecimal, String> byId = new HashMap<>();
    for (String filename : source.loader().filenames()) {
      ScriptFileName name;
      try {
        name = source.loader().name(filename);
      } catch (InvalidScriptException e) {
        problems.add(e.getMessage());
        continue;
      }
      int digits = name.id().precision() - name.id().scale();
      if (digits > Changelog.ID_DIGITS) {
        problems.add(filename + " has an id of " + digits + " digits, and the changelog's id column holds at most "
            + Changelog.ID_DIGITS + " (numeric(" + Changelog.ID_DIGITS + ",0), as MyBatis Migrations makes it): its"
            + " changelog row could not be written. Give it a shorter id, e.g. the 14 digits of a UTC time"
            + " (yyyyMMddHHmmss) that mvn quantagent:create gives.");
      }
      String other = byId.put(name.id().stripTrailingZeros(), filename);
      if (other != null) {
        problems.add(filename + " and " + other + " have the same id " + name.id().toPlainString()
            + ": ids must be unique. Give one of them a new id (mvn quantagent:create makes one).");
      }
      String text;
      try {
        text = source.loader().text(filename);
      } catch (InvalidScriptException notUtf8) {
        problems.add(notUtf8.getMessage());
        continue;
      }
      if (text.isBlank()) {
        problems.add(filename + " is empty. Write its header, its change and its -- //@UNDO section, or delete it.");
        continue;
      }
      if (STOCK_CHANGELOG.matcher(text).find()) {
        problems.add(filename + " is MyBatis' own changelog script (CREATE TABLE ${changelog}, from migrate init),"
            + " which PostgreSQL cannot run: this plugin creates the changelog table itself, with the columns"
            + " stock MyBatis reads. Delete the file. On a database that stock MyBatis migrated, delete its row too"
            + " (DELETE FROM changelog WHERE id = " + name.id().toPlainString() + ", or the table your"
            + " -Dquantagent.changelogTable names): the table and its other rows stay.");
        continue;
      }
      String firstLine = firstLineAfterPlainComments(text);
      if (!HEADER.matcher(firstLine).matches()) {
        problems.add(filename + " does not start with a '-- // description' header line (it starts with '"
            + abbreviate(firstLine) + "'). Add one, e.g. '-- // " + name.description() + "'.");
      }
      if (!UNDO.matcher(text).find()) {
        problems.add(filename + " has no '-- //@UNDO' line. Add it after the change, followed by what reverses"
            + " the change (downgrade runs it).");
      }
      scripts.add(new MigrationInfo(name.id(), name.description()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidScriptException("Cannot use the scripts in " + source.location() + ":\n  - "
          + String.join("\n  - ", problems));
    }
    scripts.sort(null);
    return scripts;
  }

  private static String abbreviate(String line) {
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  /**
   * The first line that is neither blank nor a plain {@code --} comment: the header may follow comments, as in every
   * script MyBatis' {@code migrate new} writes, which opens with its licence comment.
   */
  private static String firstLineAfterPlainComments(String text) {
    return text.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !(line.startsWith("--") && !HEADER.matcher(line).matches()))
        .findFirst().orElse("");
  }
}
