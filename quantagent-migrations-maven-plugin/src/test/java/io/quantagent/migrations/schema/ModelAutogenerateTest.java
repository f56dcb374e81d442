package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.quantagent.migrations.testing.PostgresMajor;

/**
 * Models first: the model (the repository's own schema.sql, edited) against the migrations at head, both built on
 * scratch databases; no live database anywhere. On PostgreSQL 17 only: what differs between majors is the catalog
 * reading and the drafting, which AutogenerateTest covers on each.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = PostgresMajor.class, names = "V17")
class ModelAutogenerateTest extends OnEachServer {
  private static final Path SCRIPTS = Path.of("..", "quantagent-schema", "src", "main", "resources", "quantagent", "migrations");
  private static final Path MODEL = Path.of("..", "quantagent-schema", "src", "main", "sql", "schema.sql");
  private static final String RISK_LEVEL = """
      ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2);
      CREATE INDEX idx_trades_risk_level ON trades (risk_level);
      """;

  @TempDir Path dir;
  private final List<Integer> majors = new ArrayList<>();

  private Autogenerator autogenerator() {
    return new Autogenerator(() -> {
      throw new AssertionError("the model form must not open the live database");
    }, ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(), sameServerScratch(majors), EventLog.silent());
  }

  private ModelCheck modelCheck() {
    return new ModelCheck(ScriptSource.directory(SCRIPTS), MigratorSettings.defaults(), sameServerScratch(majors),
        EventLog.silent());
  }

  private ModelSchema model(String... additions) throws Exception {
    Path model = dir.resolve("schema.sql");
    Files.writeString(model, Files.readString(MODEL) + String.join("\n", additions));
    return ModelSchema.of(model);
  }

  @Test
  void aColumnAndAnIndexAddedToTheModelGiveAProvenMigration() throws Exception {
    ModelSchema model = model(RISK_LEVEL);
    String draft = autogenerator().draft(model, version.number(), "add risk level").orElseThrow();

    String forward = draft.substring(0, draft.indexOf("-- //@UNDO"));
    String undo = draft.substring(draft.indexOf("-- //@UNDO"));
    assertTrue(draft.startsWith("-- // add risk level\n-- Drafted by quantagent:create -Dquantagent.autogenerate from"
        + " the model schema.sql"), draft);
    assertTrue(forward.contains("ALTER TABLE \"public\".\"trades\" ADD COLUMN \"risk_level\" numeric(10,2);"), draft);
    assertTrue(forward.contains("CREATE INDEX idx_trades_risk_level ON public.trades USING btree (risk_level);"), draft);
    assertTrue(undo.contains("DROP INDEX \"public\".\"idx_trades_risk_level\";"), draft);
    assertTrue(undo.contains("ALTER TABLE \"public\".\"trades\" DROP COLUMN \"risk_level\";"), draft);
    assertEquals(List.of(version.number(), version.number(), version.number()), majors,
        "head, model and proof each on a scratch database of the requested major");

    // The draft as the next script: upgrade gives the model's schema, and the model then has no change left.
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.toList()) {
        Files.copy(file, scripts.resolve(file.getFileName()));
      }
    }
    Files.writeString(scripts.resolve("20990101000000_add_risk_level.sql"), draft);
    TestDatabase database = freshDatabase();
    new Migrator(database.connections(), ScriptSource.directory(scripts), "changelog", EventLog.silent())
        .upgrade(new Target.Head());
    assertEquals(List.of("idx_trades_risk_level"), database.column(
        "select indexname from pg_indexes where tablename = 'trades' and indexdef like '%risk_level%'"));
    assertEquals(List.of(), new ModelCheck(ScriptSource.directory(scripts), MigratorSettings.defaults(),
        sameServerScratch(majors), EventLog.silent()).compare(model, version.number()).changes());
  }

  /** The model of someone coming from Alembic: an integer primary key there is serial. */
  @Test
  void aSerialTableInTheModelIsDraftedAsSerialAndProven() throws Exception {
    ModelSchema model = model("CREATE TABLE strategies (id SERIAL PRIMARY KEY, name TEXT NOT NULL);");
    String draft = autogenerator().draft(model, version.number(), "add strategies").orElseThrow();
    assertTrue(draft.contains("CREATE TABLE \"public\".\"strategies\" (\n  \"id\" serial,\n  \"name\" text NOT NULL\n);"),
        draft);
    assertTrue(draft.contains("ALTER TABLE \"public\".\"strategies\" ADD CONSTRAINT \"strategies_pkey\" PRIMARY KEY (id);"),
        draft);
  }

  @Test
  void theModelSideIsNamedInTheDifferences() throws Exception {
    ModelCheck.Comparison comparison = modelCheck().compare(model(RISK_LEVEL, "DROP INDEX idx_timestamp;",
        "ALTER TABLE signals ALTER COLUMN reasoning SET NOT NULL;"), version.number());
    assertEquals("20250101000006", comparison.head().orElseThrow().idText());
    assertEquals(List.of(
            "signals.reasoning: column nullability differs: migrations have nullable, the model has not null",
            "trades.risk_level: column in the model, not in the migrations (numeric(10,2))",
            "idx_timestamp: index in the migrations, not in the model"
                + " (CREATE INDEX idx_timestamp ON public.market_data USING btree (\"timestamp\"))",
            "idx_trades_risk_level: index in the model, not in the migrations"
                + " (CREATE INDEX idx_trades_risk_level ON public.trades USING btree (risk_level))"),
        comparison.changes());
  }

  @Test
  void aChangeTheDraftCannotExpressIsRefusedAndNothingIsReturned() throws Exception {
    ModelSchema model = model("ALTER TABLE trades ALTER COLUMN id DROP IDENTITY;");
    AutogenerateProofException e = assertThrows(AutogenerateProofException.class,
        () -> autogenerator().draft(model, version.number(), "identity"));
    assertTrue(e.getMessage().contains("trades.id: column identity differs"), e.getMessage());
  }

  @Test
  void aModelEqualToTheMigrationsDraftsNothing() throws Exception {
    assertTrue(autogenerator().draft(model(), version.number(), "nothing").isEmpty());
  }

  @Test
  void aModelThatDoesNotBuildNamesItsStatement() throws Exception {
    ModelSchema model = model("", "CREATE INDEX idx_trades_nothing ON trades (no_such_column);");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> modelCheck().compare(model,
        version.number()));
    assertTrue(e.getMessage().contains("does not build: statement 22 of 22 (line 110): CREATE INDEX idx_trades_nothing"),
        e.getMessage());
    assertTrue(e.getMessage().contains("column \"no_such_column\" does not exist"), e.getMessage());
  }

  @Test
  void aMissingModelIsNamedWithTheParameterToFix() {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> ModelSchema.of(dir.resolve("no-such-schema.sql")));
    assertTrue(e.getMessage().contains("no-such-schema.sql does not exist. Point <model> (or -Dquantagent.model)"),
        e.getMessage());
  }

  @Test
  void aByteOrderMarkFromAWindowsEditorIsIgnored() throws Exception {
    Path model = dir.resolve("bom.sql");
    Files.writeString(model, "\uFEFF" + Files.readString(MODEL));
    assertEquals(List.of(), modelCheck().compare(ModelSchema.of(model), version.number()).differences());
  }

  @Test
  void aModelSavedInAnotherEncodingIsNamedWithItsLine() throws Exception {
    Path model = dir.resolve("latin1.sql");
    Files.write(model, (Files.readString(MODEL) + "COMMENT ON TABLE orders IS 'ordres pass\u00e9s';\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    int lastLine = (int) Files.readString(MODEL).lines().count() + 1;
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> modelCheck().compare(ModelSchema.of(model), version.number()));
    assertEquals("The model " + model + " is not UTF-8 text: line " + lastLine + " has the byte E9, which UTF-8 has no"
        + " character for (a file saved as Windows-1252 or ISO-8859-1 looks like this). Save it as UTF-8, then run"
        + " again.", e.getMessage());
  }
}
