package io.quantagent.migrations.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A statement that sets DateStyle to write dates other than as ISO: {@code SET datestyle = 'German'}, which scripts
 * use to read day-first dates. pgjdbc, which the runner migrates with, closes the connection when the server reports
 * such a DateStyle, which PostgreSQL does when a round trip ends, or in the middle of a long script, where pgjdbc
 * waits for the answers so far (about every 250 statements): whether a migration runs would hang on its length and
 * on the migrations sent with it. The run plan refuses it before anything runs; {@code 'ISO, DMY'} reads dates
 * day-first just the same.
 */
public final class DateStyle {
  private static final SettingStatement SETS = new SettingStatement("datestyle",
      "datestyle\\s*(?:=|\\bto\\b)\\s*");
  /** The output styles besides ISO; the rest of a DateStyle's words are the order (DMY, MDY, YMD, Euro, US, ...). */
  private static final Set<String> OTHER_OUTPUTS = Set.of("sql", "postgres", "german");

  private DateStyle() {}

  /** Lint asks too, so that it names exactly the statements the runner refuses. */
  public static boolean is(SqlStatement statement) {
    return nonIsoOutput(statement).isPresent();
  }

  /** The DateStyle {@code statement} sets, as written, when it writes dates other than as ISO. */
  public static Optional<String> nonIsoOutput(SqlStatement statement) {
    return SETS.value(statement).filter(value -> Arrays.stream(value.replaceAll("['\"]", "").toLowerCase(Locale.ROOT)
        .split("[\\s,]+")).anyMatch(OTHER_OUTPUTS::contains));
  }
}
