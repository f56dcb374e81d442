package io.quantagent.migrations.engine;

import java.util.function.Function;
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
      return new Relative(count(value, "upgrade", "+", "head"));
    }
    if (value.startsWith("-") || value.equalsIgnoreCase("base")) {
      throw otherGoal(value, "upgrade", "downgrade", Target::parseDowngrade);
    }
    return revision(value, "upgrade", forms("upgrade"));
  }

  /**
   * stamp's target: {@code head} or an id. Never a step or {@code base}: parsed as an upgrade's, those would point
   * the user at downgrade, which runs the undo scripts that stamp exists to avoid.
   */
  static Target parseStamp(String text) {
    String value = normalize(text, "head");
    if (value.equalsIgnoreCase("base") || value.startsWith("-") || value.startsWith("+")) {
      throw new InvalidTargetException("stamp takes -Dtarget=head or -Dtarget=<id>, the migration whose schema the"
          + " database has, not '" + value + "': it records changelog rows without running any script. To record that"
          + " the database has none of the migrations (Alembic's stamp base), drop its changelog table, which leaves"
          + " the schema as it is; mvn quantagent:downgrade would run the undo scripts instead.");
    }
    return parseUpgrade(value);
  }

  static Target parseDowngrade(String text) {
    String value = normalize(text, "-1");
    if (value.equalsIgnoreCase("base")) {
      return new Base();
    }
    if (value.startsWith("-")) {
      return new Relative(count(value, "downgrade", "-", "base"));
    }
    if (value.startsWith("+") || value.equalsIgnoreCase("head")) {
      throw otherGoal(value, "downgrade", "upgrade", Target::parseUpgrade);
    }
    return revision(value, "downgrade", forms("downgrade"));
  }

  private static String normalize(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text.strip();
  }

  /** A target of the other goal's form: suggest that goal only when it would accept the target. */
  private static InvalidTargetException otherGoal(String value, String goal, String other,
      Function<String, Target> otherParse) {
    try {
      otherParse.apply(value);
    } catch (InvalidTargetException invalidThere) {
      return new InvalidTargetException(goal + " cannot go to '" + value + "', and it is no valid " + other
          + " target either: " + invalidThere.getMessage() + " " + capitalized(goal) + " takes "
          + forms(goal) + ".");
    }
    return new InvalidTargetException(goal + " cannot go to '" + value + "': that is " + article(other) + " target."
        + " Use mvn quantagent:" + other + " -Dtarget=" + value + ".");
  }

  private static int count(String value, String goal, String sign, String all) {
    String digits = value.substring(1);
    if (!REVISION.matcher(digits).matches()) {
      throw new InvalidTargetException("-Dtarget=" + value + " is not a valid " + goal + " target: after '" + sign
          + "' comes a whole number of migrations, e.g. " + sign + "1.");
    }
    String number = digits.replaceFirst("^0+(?=.)", "");
    if (number.length() > 6) {
      throw new InvalidTargetException("-Dtarget=" + value + " asks for " + number + " migrations, more than " + goal
          + " counts (at most " + sign + "999999); to " + goal + " all of them, use -Dtarget=" + all + ".");
    }
    int steps = Integer.parseInt(number);
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

  private static String forms(String goal) {
    return goal.equals("upgrade") ? "head, +N (the next N pending migrations) or a migration id"
        : "-N (undo the last N migrations), base (undo all) or a migration id";
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String article(String goal) {
    return goal.equals("upgrade") ? "an upgrade" : "a downgrade";
  }
}
