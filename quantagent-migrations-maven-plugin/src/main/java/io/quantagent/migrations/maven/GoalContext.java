package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.schema.Autogenerator;
import io.quantagent.migrations.schema.DriftCheck;
import java.util.Optional;

/**
 * What a database goal works with, built after the goal checked its own inputs: the migrator, and, when the goal
 * talks to a database, the drift check and the autogenerator on it. Asking for a part the goal said it does not
 * need is a bug in the goal, said plainly.
 */
record GoalContext(Migrator migrator, Optional<DriftCheck> drift, Optional<Autogenerator> autogeneration) {

  static GoalContext scriptsOnly(Migrator migrator) {
    return new GoalContext(migrator, Optional.empty(), Optional.empty());
  }

  DriftCheck driftCheck() {
    return drift.orElseThrow(() -> new IllegalStateException("This goal runs without a database and has no drift check"));
  }

  Autogenerator autogenerator() {
    return autogeneration.orElseThrow(
        () -> new IllegalStateException("This goal runs without a database and cannot autogenerate"));
  }
}
