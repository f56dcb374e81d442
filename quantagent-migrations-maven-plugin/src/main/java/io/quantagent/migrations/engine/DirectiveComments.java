package io.quantagent.migrations.engine;

import io.quantagent.migrations.engine.PostgresScriptSplitter.LineComment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code -- quantagent:<name> value} lines of a script, read once for the runner and for lint. Only a {@code --}
 * comment on a line of its own is one: the same words inside a function's body or a string are SQL, and must not
 * switch a script out of its transaction. A comment that starts {@code quantagent:} but is no marker as written (an
 * unknown name, text after a marker, a value that is no duration) is a problem, never skipped: the script would run
 * other than its author meant, in a transaction they opted out of or under a lock timeout they raised.
 */
public final class DirectiveComments {
  private static final String PREFIX = "quantagent:";
  public static final String NO_TRANSACTION = PREFIX + "no-transaction";
  public static final String NO_UNDO = PREFIX + "no-undo";
  public static final String LOCK_TIMEOUT = PREFIX + "lock-timeout";
  public static final String STATEMENT_TIMEOUT = PREFIX + "statement-timeout";
  /** Lint's: the rules it names and the reason are lint's to read. */
  public static final String LINT_IGNORE = PREFIX + "lint-ignore";
  private static final String KNOWN = "-- " + NO_TRANSACTION + ", -- " + NO_UNDO + ", -- " + LOCK_TIMEOUT
      + " <duration>, -- " + STATEMENT_TIMEOUT + " <duration> and -- " + LINT_IGNORE + " <rule> <reason>";

  /** A {@code quantagent:} comment that is no marker as written: its line and what to do. */
  public record Problem(int line, String message) {}

  private boolean noTransaction;
  private boolean noUndo;
  private Optional<Duration> lockTimeout = Optional.empty();
  private Optional<Duration> statementTimeout = Optional.empty();
  private final List<Problem> problems = new ArrayList<>();

  private DirectiveComments() {}

  /** @param script a whole script, or one of its parts; line numbers count from its first line */
  public static DirectiveComments of(String script) {
    DirectiveComments directives = new DirectiveComments();
    PostgresScriptSplitter.ownLineComments(script).forEach(directives::read);
    return directives;
  }

  public boolean noTransaction() {
    return noTransaction;
  }

  public boolean noUndo() {
    return noUndo;
  }

  /** The first {@code lock-timeout} line's duration, zero for {@code off} (or {@code 0}, {@code 0s}, ...). */
  public Optional<Duration> lockTimeout() {
    return lockTimeout;
  }

  public Optional<Duration> statementTimeout() {
    return statementTimeout;
  }

  public List<Problem> problems() {
    return problems;
  }

  private void read(LineComment comment) {
    String text = comment.text();
    if (!text.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return;
    }
    int end = PREFIX.length();
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-'
        || text.charAt(end) == '_')) {
      end++;
    }
    String marker = text.substring(0, end).toLowerCase(Locale.ROOT);
    String rest = text.substring(end);
    switch (marker) {
      case NO_TRANSACTION -> noTransaction |= alone(comment, rest);
      case NO_UNDO -> noUndo |= alone(comment, rest);
      case LOCK_TIMEOUT -> lockTimeout = firstOf(lockTimeout, duration(comment, marker, rest));
      case STATEMENT_TIMEOUT -> statementTimeout = firstOf(statementTimeout, duration(comment, marker, rest));
      case LINT_IGNORE -> { }
      default -> problems.add(new Problem(comment.line(), "'-- " + text + "' is no marker: the markers are " + KNOWN
          + ". Correct its spelling, or take 'quantagent:' out of the comment."));
    }
  }

  /**
   * Whether the flag stands alone. Text after it is refused rather than taken for a reason: one rule for every
   * marker, since a timeout's value may hold blanks ({@code 10 min}) and words after it could not be told from it.
   */
  private boolean alone(LineComment comment, String rest) {
    if (rest.isBlank()) {
      return true;
    }
    problems.add(new Problem(comment.line(), "'-- " + comment.text() + "' is not a marker: a marker stands alone on"
        + " its line. Put the reason on the line above, as a comment of its own."));
    return false;
  }

  /** Every line's value is checked, and the first line counts. */
  private static Optional<Duration> firstOf(Optional<Duration> earlier, Optional<Duration> later) {
    return earlier.isPresent() ? earlier : later;
  }

  private Optional<Duration> duration(LineComment comment, String marker, String rest) {
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
      problems.add(new Problem(comment.line(), "'-- " + comment.text() + "' is not a marker: write -- " + marker
          + ", a blank, then the duration alone, e.g. -- " + marker + " 30s."));
      return Optional.empty();
    }
    try {
      return Optional.of(DurationSetting.parse(rest.strip(), "-- " + marker));
    } catch (InvalidSettingException e) {
      problems.add(new Problem(comment.line(), e.getMessage()));
      return Optional.empty();
    }
  }
}
