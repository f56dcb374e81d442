package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.ModelSchema;
import io.quantagent.migrations.schema.ObjectKind;
import io.quantagent.migrations.schema.SchemaDifference;
import java.util.ArrayList;
import java.util.List;

/** How {@code diff} with a model reads: as drift does, but the model is the other side, and what to run next. */
final class ModelText {
  static final String DRAFT_COMMAND = "mvn quantagent:create -Ddesc=\"...\" -Dquantagent.autogenerate";

  private ModelText() {}

  static List<String> lines(ModelSchema model, ModelCheck.Comparison comparison) {
    String head = comparison.head().map(MigrationInfo::toString).orElse("base (there are no scripts)");
    List<SchemaDifference> real = comparison.differences().stream().filter(d -> !d.isWarning()).toList();
    List<String> lines = new ArrayList<>();
    if (real.isEmpty()) {
      lines.add("The model " + model + " is what the migrations build up to " + head + ".");
      return lines;
    }
    lines.add("The model has changed since the last migration: " + real.size() + " difference"
        + (real.size() == 1 ? "" : "s") + " between what the migrations build up to " + head + " and the model "
        + model + ":");
    ObjectKind kind = null;
    for (SchemaDifference difference : real) {
      if (difference.kind() != kind) {
        kind = difference.kind();
        lines.add("  " + kind.label() + ":");
      }
      lines.add("    " + ModelCheck.describe(difference));
    }
    lines.add("Draft the migration that catches up with it: " + DRAFT_COMMAND);
    return lines;
  }
}
