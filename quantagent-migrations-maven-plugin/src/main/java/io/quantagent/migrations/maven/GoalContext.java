package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.schema.Autogenerator;
import io.quantagent.migrations.schema.DriftCheck;
import io.quantagent.migrations.schema.ModelCheck;
import java.util.Optional;

/**
 * What a database goal works with, built after the goal checked its own inputs: the migrator, and, when the goal
 * talks to a database, the drift check and the autogenerator on it. Asking for a part the goal said it does not
 * need is a bug in the goal, said plainly. The model check needs no database, and neither does drafting from a
 * model, so both are there without one.
 */
record GoalContext(Migrator migrator, Optional<DriftCheck> drift, Optional<Autogenerator> autogeneration,
    ModelCheck models) {

  static GoalContext scriptsOnly(Migrator migrator, Autogenerator fromModels, ModelCheck models) {
    return new GoalContext(migrator, Optional.empty(), Optional.of(fromModels), models);
  }

  DriftCheck driftCheck() {
    return drift.orElseThrow(() -> new IllegalStateException("This goal runs without a database and has no drift check"));
  }

  Autogenerator autogenerator() {
    return autogeneration.orElseThrow(
        () -> new IllegalStateException("This goal runs without a database and cannot autogenerate"));
  }
}
