package io.quantagent.migrations.setup;

/**
 * How {@link DatabaseSetup} talks to the person running it: Maven's prompter in a terminal, {@code -D} properties in
 * batch mode, a script in tests.
 */
public interface Prompts {

  /** False in batch mode: nothing can be asked again, so a failure ends the setup. */
  boolean interactive();

  /** The answer, stripped; {@code defaultAnswer} when none is given. A null default means an answer is required. */
  String ask(Question question, String defaultAnswer);

  /** A password, read without echo where the terminal allows it; may be empty. Never shown anywhere. */
  String askPassword(Question question);

  boolean confirm(Question question, boolean defaultAnswer);

  /** A line for the person; never holds a password. */
  void say(String line);
}
