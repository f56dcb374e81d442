package io.quantagent.migrations.engine;

import io.quantagent.migrations.engine.PostgresScriptSplitter.LineComment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code -- quantagent:<name> value} lines of a script, as the runner reads them and lint must too. Only a
 * {@code --} comment on a line of its own is one: the same words inside a function's body or a string are SQL, and
 * must not switch a script out of its transaction.
 */
public final class DirectiveComments {
  public static final String NO_TRANSACTION = "quantagent:no-transaction";
  public static final String LOCK_TIMEOUT = "quantagent:lock-timeout";
  public static final String STATEMENT_TIMEOUT = "quantagent:statement-timeout";

  private final List<LineComment> comments;

  private DirectiveComments(List<LineComment> comments) {
    this.comments = comments;
  }

  public static DirectiveComments of(String script) {
    return new DirectiveComments(PostgresScriptSplitter.ownLineComments(script));
  }

  public boolean noTransaction() {
    return comments.stream().anyMatch(c -> c.text().equalsIgnoreCase(NO_TRANSACTION));
  }

  /** The value of the first {@code name} directive ({@code name}, then a space or nothing), stripped. */
  public Optional<String> value(String name) {
    for (LineComment comment : comments) {
      String text = comment.text();
      if (text.toLowerCase(Locale.ROOT).startsWith(name)) {
        String rest = text.substring(name.length());
        if (rest.isEmpty() || !(Character.isLetterOrDigit(rest.charAt(0)) || rest.charAt(0) == '_')) {
          return Optional.of(rest.strip());
        }
      }
    }
    return Optional.empty();
  }
}
