package io.quantagent.migrations.engine;

import java.util.Locale;

/** How many migrations share a transaction: {@code each} (one per migration, the default) or {@code all}. */
public enum TransactionMode {
  EACH,
  ALL;

  public static TransactionMode parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "each" -> EACH;
      case "all" -> ALL;
      default -> throw new InvalidSettingException("-Dquantagent.transaction='" + text + "' is not a transaction mode:"
          + " use each (one transaction per migration, the default) or all (every pending migration in one"
          + " transaction).");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
