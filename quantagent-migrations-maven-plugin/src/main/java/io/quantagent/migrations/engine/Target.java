package io.quantagent.migrations.engine;

import java.util.regex.Pattern;

/**
 * Where {@code upgrade} or {@code downgrade} should take the database, as the user typed it with
 * {@code -Dtarget}: {@code head}, {@code +N}, {@code -N}, {@code base}, or a migration id (or a unique
 * prefix of one), as with Alembic.
 */
public sealed interface Target {
  Pattern REVISION = Pattern.compile("[0-9]+");

  /** All pending migrations. */
  record Head() implements Target {}

  /** Undo every applied migration. */
  record Base() implements Target {}

  /** The next {@code steps} pending migrations, or the last {@code steps} applied ones. */
  record Relative(int steps) implements Target {}

  /** Up to and including this migration, or down to it (it stays applied). */
  record Revision(String idPrefix) implements Target {}

  static Target parseUpgrade(String text) {
    String value = normalize(text, "head");
    if (value.equalsIgnoreCase("head")) {
      return new Head();
    }
    if (value.startsWith("+")) {
      return new Relative(count(value, "upgrade", "+"));
    }
    if (value.startsWith("-") || value.equalsIgnoreCase("base")) {
      throw new InvalidTargetException("upgrade cannot go to '" + value + "': that is a downgrade target."
          + " Use mvn quantagent:downgrade -Dtarget=" + value + ".");
    }
    return revision(value, "upgrade", "head, +N (the next N pending migrations) or a migration id");
  }

  static Target parseDowngrade(String text) {
    String value = normalize(text, "-1");
    if (value.equalsIgnoreCase("base")) {
      return new Base();
    }
    if (value.startsWith("-")) {
      return new Relative(count(value, "downgrade", "-"));
    }
    if (value.startsWith("+") || value.equalsIgnoreCase("head")) {
      throw new InvalidTargetException("downgrade cannot go to '" + value + "': that is an upgrade target."
          + " Use mvn quantagent:upgrade -Dtarget=" + value + ".");
    }
    return revision(value, "downgrade", "-N (undo the last N migrations), base (undo all) or a migration id");
  }

  private static String normalize(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text.strip();
  }

  private static int count(String value, String goal, String sign) {
    String digits = value.substring(1);
    if (!REVISION.matcher(digits).matches() || digits.length() > 6) {
      throw new InvalidTargetException("-Dtarget=" + value + " is not a valid " + goal + " target: after '" + sign
          + "' comes a whole number of migrations, e.g. " + sign + "1.");
    }
    int steps = Integer.parseInt(digits);
    if (steps == 0) {
      throw new InvalidTargetException("-Dtarget=" + value + " asks for zero migrations; give " + sign
          + "1 or more.");
    }
    return steps;
  }

  private static Target revision(String value, String goal, String forms) {
    if (!REVISION.matcher(value).matches()) {
      throw new InvalidTargetException("-Dtarget=" + value + " is not a valid " + goal + " target. Use " + forms
          + "; mvn quantagent:history lists the ids.");
    }
    return new Revision(value);
  }
}
