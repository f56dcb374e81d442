package io.quantagent.migrations.maven;

/**
 * Every user property the goals read, in one place. {@code target} and {@code desc} are the short forms
 * the product promises; everything else is {@code quantagent.<field>}, spelled like the field and the
 * POM element.
 */
final class PropertyKeys {
  static final String TARGET = "target";
  static final String DESC = "desc";
  static final String URL = "quantagent.url";
  static final String USER = "quantagent.user";
  static final String PASSWORD = "quantagent.password";
  static final String SCRIPTS_DIRECTORY = "quantagent.scriptsDirectory";
  static final String CHANGELOG_TABLE = "quantagent.changelogTable";
  static final String SKIP = "quantagent.skip";
  static final String EMBEDDED_VERSION = "quantagent.embeddedVersion";
  static final String DATABASE = "quantagent.database";
  static final String PORT = "quantagent.port";
  static final String LOCK_TIMEOUT = "quantagent.lockTimeout";
  static final String VALIDATE = "quantagent.validate";
  static final String SERVER_ID = "quantagent.serverId";
  static final String FORMAT = "quantagent.format";
  static final String SQL = "quantagent.sql";
  static final String FROM = "quantagent.from";
  static final String SCRATCH_URL = "quantagent.scratchUrl";
  static final String DRIFT = "quantagent.drift";
  static final String FORCE = "quantagent.force";
  static final String AUTOGENERATE = "quantagent.autogenerate";
  static final String MODEL = "quantagent.model";
  static final String LINT = "quantagent.lint";
  static final String LINT_POSTGRES_VERSION = "quantagent.lint.postgresVersion";
  static final String LINT_PENDING_ONLY = "quantagent.lint.pendingOnly";
  static final String LINT_PROVE = "quantagent.lint.prove";
  static final String LINT_SARIF = "quantagent.lint.sarif";
  static final String LINT_FAIL_ON = "quantagent.lint.failOn";
  static final String STATEMENT_LOCK_TIMEOUT = "quantagent.statementLockTimeout";
  static final String STATEMENT_LOCK_ATTEMPTS = "quantagent.statementLockAttempts";
  static final String STATEMENT_TIMEOUT = "quantagent.statementTimeout";
  static final String TRANSACTION = "quantagent.transaction";

  private PropertyKeys() {}
}
