package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.DirectiveComments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code -- quantagent:...} comments of a script: {@code no-transaction}, a {@code lock-timeout} header and the
 * lines that are no marker as written, read by the runner's own reader ({@link DirectiveComments}), so that lint
 * judges a script as it will run and names what upgrade refuses; and every {@code lint-ignore} with its line, from its
 * comment tokens (a marker inside a string is not one).
 */
record ScriptDirectives(boolean noTransaction, Optional<Duration> lockTimeout, List<DirectiveComments.Problem> problems,
    List<Ignore> ignores) {
  static final String IGNORE = DirectiveComments.LINT_IGNORE;

  /** One {@code -- quantagent:lint-ignore RULE[,RULE] reason} comment; {@code reason} is empty when none is given. */
  record Ignore(int line, List<String> ruleIds, String reason) {}

  static ScriptDirectives of(String script) {
    DirectiveComments directives = DirectiveComments.of(script);
    List<Ignore> ignores = new ArrayList<>();
    for (SqlToken token : SqlTokenizer.tokenize(script, 1)) {
      if (token.kind() != SqlToken.Kind.COMMENT) {
        continue;
      }
      String text = token.value().strip();
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.startsWith(IGNORE) && (text.length() == IGNORE.length()
          || Character.isWhitespace(text.charAt(IGNORE.length())))) {
        ignores.add(ignore(token.line(), text.substring(IGNORE.length()).strip()));
      }
    }
    return new ScriptDirectives(directives.noTransaction(), directives.lockTimeout(), directives.problems(), ignores);
  }

  private static Ignore ignore(int line, String rest) {
    int space = 0;
    while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
      space++;
    }
    String ids = rest.substring(0, space);
    if (ids.endsWith(":")) {
      ids = ids.substring(0, ids.length() - 1);
    }
    List<String> ruleIds = new ArrayList<>();
    for (String id : ids.split(",")) {
      if (!id.isBlank()) {
        ruleIds.add(id.strip().toLowerCase(Locale.ROOT));
      }
    }
    String reason = rest.substring(space).strip();
    while (reason.startsWith("-") || reason.startsWith(":")) {
      reason = reason.substring(1).strip();
    }
    return new Ignore(line, ruleIds, reason);
  }

  /** Whether the runner's lock timeout was turned off for this script ({@code -- quantagent:lock-timeout off}, 0s...). */
  boolean lockTimeoutOff() {
    return lockTimeout.filter(Duration::isZero).isPresent();
  }

  /** Whether the header sets a lock timeout for this script. */
  boolean lockTimeoutSet() {
    return lockTimeout.filter(d -> !d.isZero()).isPresent();
  }
}
