package io.quantagent.migrations.setup;

/**
 * What {@code quantagent:setup} asks. Interactively a person reads {@link #text}; in batch mode ({@code mvn -B}) the
 * answer comes from the user property {@link #property}. A yes/no question names its two answers.
 */
public enum Question {
  EMBEDDED("quantagent.setup.embedded", "Which database: the embedded development database (started by the plugin,"
      + " nothing to install) or a PostgreSQL server", "embedded", "server"),
  HOST("quantagent.setup.host", "PostgreSQL host"),
  PORT("quantagent.setup.port", "Port"),
  USER("quantagent.setup.user", "User"),
  PASSWORD("quantagent.setup.password", "Password"),
  DATABASE("quantagent.setup.database", "Database"),
  CREATE_DATABASE("quantagent.setup.createDatabase", "Create it", "y", "n"),
  REPLACE("quantagent.force", "Replace it", "y", "n"),
  RETRY("", "Change the answers and try again", "y", "n");

  private final String property;
  private final String text;
  private final String yes;
  private final String no;

  Question(String property, String text) {
    this(property, text, null, null);
  }

  Question(String property, String text, String yes, String no) {
    this.property = property;
    this.text = text;
    this.yes = yes;
    this.no = no;
  }

  /** The {@code -D} property that answers it in batch mode; empty when batch mode never asks it. */
  public String property() {
    return property;
  }

  public String text() {
    return text;
  }

  /** The answer meaning yes ({@code embedded} for {@link #EMBEDDED}); null for a question that is not yes/no. */
  public String yes() {
    return yes;
  }

  public String no() {
    return no;
  }
}
