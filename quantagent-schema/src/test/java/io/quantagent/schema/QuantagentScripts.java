package io.quantagent.schema;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.TestDatabase;

/** This module's scripts, from the class path as a consumer of the jar reads them, run by the plugin's engine. */
final class QuantagentScripts {
  static final String CHANGELOG = "changelog";

  private QuantagentScripts() {}

  static Migrator migrator(TestDatabase database) {
    return new Migrator(database.connections(), ScriptSource.classpath(QuantagentScripts.class.getClassLoader()),
        CHANGELOG, EventLog.silent());
  }
}
