package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.ModelSchema;
import io.quantagent.migrations.schema.ObjectKind;
import io.quantagent.migrations.schema.SchemaDifference;
import io.quantagent.migrations.schema.SchemaDifference.Severity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How diff with a model reads, as text and as JSON: the model is the other side, and the next command is named. */
class ModelTextTest {
  private static final Optional<MigrationInfo> HEAD =
      Optional.of(new MigrationInfo(new BigDecimal("20250101000006"), "create market data"));
  private static final SchemaDifference COLUMN = new SchemaDifference(ObjectKind.COLUMN, "trades.risk_level",
      Severity.DIFFERENCE, "column in the database, not in the migrations (numeric(10,2))");
  private static final SchemaDifference ORDER = new SchemaDifference(ObjectKind.COLUMN, "trades",
      Severity.WARNING, "column order differs: migrations have (a, b), database has (b, a)");

  @TempDir Path dir;

  @Test
  void differencesAreGroupedAndTheModelIsTheOtherSide() throws Exception {
    ModelSchema model = ModelSchema.of(Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (id int);"));
    assertEquals(List.of(
            "The model has changed since the last migration: 1 difference between what the migrations build up to"
                + " 20250101000006 (create market data) and the model " + model + ":",
            "  column:",
            "    trades.risk_level: column in the model, not in the migrations (numeric(10,2))",
            "Draft the migration that catches up with it: mvn quantagent:create -Ddesc=\"...\" -Dquantagent.autogenerate"),
        ModelText.lines(model, new ModelCheck.Comparison(HEAD, List.of(COLUMN, ORDER))));
    assertEquals(List.of("The model " + model + " is what the migrations build up to 20250101000006 (create market"
        + " data)."), ModelText.lines(model, new ModelCheck.Comparison(HEAD, List.of(ORDER))));
  }

  @Test
  void jsonNamesTheModelAndKeepsWarnings() {
    assertEquals("{\"model\":\"schema.sql\",\"head\":{\"id\":\"20250101000006\",\"description\":\"create market data\"},"
            + "\"differences\":[{\"kind\":\"column\",\"name\":\"trades.risk_level\",\"severity\":\"difference\","
            + "\"text\":\"trades.risk_level: column in the model, not in the migrations (numeric(10,2))\"},"
            + "{\"kind\":\"column\",\"name\":\"trades\",\"severity\":\"warning\",\"text\":\"trades: column order differs:"
            + " migrations have (a, b), the model has (b, a)\"}]}",
        JsonText.modelDiff("schema.sql", new ModelCheck.Comparison(HEAD, List.of(COLUMN, ORDER))));
  }
}
