package io.quantagent.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.ModelSchema;
import io.quantagent.migrations.schema.ScratchDatabases;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * This repository's model, {@code src/main/sql/schema.sql}, is exactly what its six migrations build: the check
 * {@code quantagent:check -Dquantagent.model} makes, run in the build so that neither side can change alone.
 */
@ExtendWith(PostgresFixture.class)
class SchemaModelTest {
  private static final Path MODEL = Path.of("src", "main", "sql", "schema.sql");

  @Test
  void theModelIsWhatTheMigrationsBuildAtHead(FreshDatabases databases) {
    ScratchDatabases scratch = major -> scratch(databases.create(PostgresMajor.V17));
    ModelCheck.Comparison comparison = new ModelCheck(
        ScriptSource.classpath(SchemaModelTest.class.getClassLoader()), MigratorSettings.defaults(), scratch,
        EventLog.silent()).compare(ModelSchema.of(MODEL), PostgresMajor.V17.number());

    assertEquals("20250101000006", comparison.head().orElseThrow().idText());
    assertEquals(List.of(), comparison.changes(), MODEL + " and the migrations differ; add the migration (mvn"
        + " quantagent:create -Ddesc=... -Dquantagent.autogenerate) or fix the model");
    assertEquals(List.of(), comparison.differences(), "not even a warning (column order) between them");
  }

  private static ScratchDatabases.Scratch scratch(TestDatabase database) {
    return new ScratchDatabases.Scratch() {
      @Override
      public ConnectionFactory connections() {
        return database.connections();
      }

      @Override
      public void close() {}
    };
  }
}
