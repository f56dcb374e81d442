package io.quantagent.migrations.maven;

import io.quantagent.migrations.setup.Prompts;
import io.quantagent.migrations.setup.Question;
import io.quantagent.migrations.setup.SetupException;
import java.io.Console;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.components.interactivity.Prompter;
import org.codehaus.plexus.components.interactivity.PrompterException;

/**
 * Setup's questions through Maven's own prompter, so that they work in any terminal Maven runs in. The password is
 * the exception: the prompter's console handler echoes what is typed, so it is read from the JVM's console without
 * echo whenever there is one. Without one (Java 17, 21 and 25 have none when Maven's output is not a terminal: piped
 * through {@code tee}, or an IDE's console), the prompter reads it, and the person is told first that it will show.
 */
final class MavenPrompts implements Prompts {
  static final String SHOWN_AS_YOU_TYPE = "There is no console to read the password from without showing it (Maven's"
      + " output is not a terminal: piped, as through | tee, or in an IDE), so what you type next will be visible. To"
      + " keep it hidden, press Ctrl-C and run quantagent:setup in a terminal with no pipe, or in batch mode with the"
      + " password in PGPASSWORD: mvn -B quantagent:setup -Dquantagent.setup.host=... (see Setup in the README).";

  private final Prompter prompter;
  private final Console console;
  private final Log log;

  MavenPrompts(Prompter prompter, Console console, Log log) {
    this.prompter = prompter;
    this.console = console;
    this.log = log;
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public String ask(Question question, String defaultAnswer) {
    while (true) {
      String answer = read(question, defaultAnswer);
      if (!answer.isBlank()) {
        return answer.strip();
      }
      if (defaultAnswer != null) {
        return defaultAnswer;
      }
      say("An answer is needed.");
    }
  }

  @Override
  public String askPassword(Question question) {
    if (console != null) {
      char[] password = console.readPassword("%s (not shown as you type): ", question.text());
      if (password == null) {
        throw ended(question);
      }
      return new String(password);
    }
    log.warn(SHOWN_AS_YOU_TYPE);
    try {
      String password = prompter.promptForPassword(question.text() + " (shown as you type)");
      if (password == null) {
        throw ended(question);
      }
      return password;
    } catch (PrompterException e) {
      throw new SetupException("Could not read the answer to '" + question.text() + "': " + e.getMessage());
    }
  }

  @Override
  public boolean confirm(Question question, boolean defaultAnswer) {
    String yes = question.yes();
    String no = question.no();
    while (true) {
      String answer = read(question.text() + " (" + yes + "/" + no + ")", defaultAnswer ? yes : no, question)
          .strip().toLowerCase(Locale.ROOT);
      if (answer.isEmpty()) {
        return defaultAnswer;
      }
      if (yes.startsWith(answer) || answer.equals("yes")) {
        return true;
      }
      if (no.startsWith(answer) || answer.equals("no")) {
        return false;
      }
      say("Answer " + yes + " or " + no + ".");
    }
  }

  @Override
  public void say(String line) {
    log.info(line);
  }

  private String read(Question question, String defaultAnswer) {
    return read(question.text(), defaultAnswer, question);
  }

  private String read(String text, String defaultAnswer, Question question) {
    try {
      // The default in brackets, and applied here: the prompter would print it bare after the question.
      String answer = prompter.prompt(defaultAnswer == null ? text : text + " [" + defaultAnswer + "]");
      if (answer == null) {
        throw ended(question);
      }
      return answer;
    } catch (PrompterException e) {
      throw new SetupException("Could not read the answer to '" + text + "': " + e.getMessage());
    }
  }

  private static SetupException ended(Question question) {
    return new SetupException("The input ended before '" + question.text() + "' was answered. Run it in a terminal,"
        + " or in batch mode: mvn -B quantagent:setup -D" + question.property() + "=... (see the README). Nothing was"
        + " saved.");
  }
}
