package io.quantagent.migrations.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as users write it in a {@code -D} property or a script header: {@code 500ms}, {@code 2s},
 * {@code 10min}, {@code 1h}, a bare number of seconds, or {@code 0}/{@code off} for none. Each one becomes a PostgreSQL
 * timeout ({@code lock_timeout}, {@code statement_timeout}), so a longer one than PostgreSQL takes is refused here,
 * where its property or script line can be named, not at the first migration's {@code SET}.
 */
final class DurationSetting {
  /** lock_timeout and statement_timeout are PostgreSQL integers of milliseconds: about 596 hours, or 24 days. */
  static final Duration LONGEST_FOR_POSTGRES = Duration.ofMillis(Integer.MAX_VALUE);

  // Up to 12 digits, so that a value too long for PostgreSQL is said to be that, not "not a duration".
  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|min|h)?");

  private DurationSetting() {}

  /** @param where how the user wrote it, for the message, e.g. "-Dquantagent.statementLockTimeout" */
  static Duration parse(String text, String where) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("off")) {
      return Duration.ZERO;
    }
    Matcher matcher = FORM.matcher(value);
    if (!matcher.matches()) {
      throw new InvalidSettingException(where + " '" + text + "' is not a duration: write e.g. 500ms, 2s, 10min,"
          + " 1h, a number of seconds, or off.");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration duration = switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
    if (duration.compareTo(LONGEST_FOR_POSTGRES) > 0) {
      throw new InvalidSettingException(where + " '" + text + "' is " + duration.toMillis() + " ms, longer than"
          + " PostgreSQL takes for a timeout: at most " + LONGEST_FOR_POSTGRES.toMillis() + " ms (about 596h, or 24"
          + " days). Give at most 596h, or off for no limit.");
    }
    return duration;
  }

  /** How a duration is shown back to the user: {@code 2 s}, {@code 500 ms}, {@code 10 min}, {@code off}. */
  static String show(Duration duration) {
    if (duration.isZero()) {
      return "off";
    }
    long millis = duration.toMillis();
    if (millis % 60_000 == 0 && millis >= 60_000) {
      return millis / 60_000 + " min";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis < 10_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The value PostgreSQL takes for lock_timeout and statement_timeout: milliseconds, 0 for none. */
  static String forPostgres(Duration duration) {
    return Long.toString(Math.max(0, duration.toMillis()));
  }
}
