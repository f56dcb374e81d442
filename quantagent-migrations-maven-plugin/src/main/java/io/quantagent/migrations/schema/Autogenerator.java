package io.quantagent.migrations.schema;

import io.quantagent.migrations.db.ConnectionFactory;
import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.MigrationFailureException;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.engine.Migrator;
import io.quantagent.migrations.engine.MigratorSettings;
import io.quantagent.migrations.engine.ScriptFailedException;
import io.quantagent.migrations.engine.ScriptCreations;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.Target;
import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Drafts the migration that takes the migrations' schema at head to the live database's, and proves it on a
 * scratch database before anyone sees it: forward must give the live schema, undo must give head back.
 */
public final class Autogenerator {
  private final ConnectionFactory live;
  private final ScriptSource scripts;
  private final MigratorSettings settings;
  private final ScratchDatabases scratch;
  private final EventLog log;

  public Autogenerator(ConnectionFactory live, ScriptSource scripts, MigratorSettings settings,
      ScratchDatabases scratch, EventLog log) {
    this.live = live;
    this.scripts = scripts;
    this.settings = settings;
    this.scratch = scratch;
    this.log = log;
  }

  /**
   * The proven script text, or empty when the live schema is what the migrations build at head. An index left invalid
   * is no statement of a draft; when it is the only difference, {@link InvalidIndexException} says so.
   */
  public Optional<String> draft(String description) {
    TrackingTables tracking = new TrackingTables(settings.changelogTable());
    List<HistoryEntry> history = new Migrator(live, scripts, settings, EventLog.silent()).history();
    List<MigrationInfo> pending = history.stream().filter(h -> h.scriptPresent() && h.pending())
        .map(HistoryEntry::migration).toList();
    if (!pending.isEmpty()) {
      throw new PendingMigrationsException(pending);
    }
    SchemaRead current = SchemaRead.of(live, tracking, "live");
    int major = current.serverMajorVersion();
    List<MigrationInfo> known = history.stream().filter(h -> h.scriptPresent()).map(h -> h.migration()).toList();
    SchemaSnapshot head;
    SchemaSnapshot actual;
    LiveSession session = current.session();
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      ConnectionFactory likeLive = session.on(database.connections(), ScriptCreations.schemas(scripts));
      head = known.isEmpty() ? scratchSchema(likeLive, tracking)
          : new ExpectedSchema(scripts, settings, log).at(known.get(known.size() - 1), likeLive);
      actual = EquivalentDefinitions.align(head, current.snapshot(), likeLive);
    }
    List<String> forward = MigrationDraft.between(head, actual);
    if (forward.isEmpty()) {
      // Invalid where the migrations build it valid: the migrations' own invalid ones (ON ONLY a partitioned
      // table) are what they build.
      List<SchemaSnapshot.Index> invalid = actual.indexes().values().stream().filter(i -> !i.valid())
          .filter(i -> !head.indexes().containsKey(i.name()) || head.indexes().get(i.name()).valid()).toList();
      if (!invalid.isEmpty()) {
        throw new InvalidIndexException(actual.schema(), invalid);
      }
      return Optional.empty();
    }
    String text = "-- // " + description.strip() + "\n"
        + "-- Drafted by quantagent:create -Dquantagent.autogenerate from the live database and proven on a scratch\n"
        + "-- database (forward gives the live schema, undo gives head back). Review it before you commit it.\n"
        + String.join("\n", forward) + "\n\n-- //@UNDO\n" + String.join("\n", MigrationDraft.between(actual, head)) + "\n";
    prove(text, known, head, actual, major, session, tracking);
    return Optional.of(text);
  }

  /**
   * Models first: the proven script that takes the migrations' schema at head to the schema {@code model} declares,
   * or empty when they agree. Both are built on throwaway databases of PostgreSQL {@code major}; the live database is
   * not read, so this form works before any database exists.
   */
  public Optional<String> draft(ModelSchema model, int major, String description) {
    TrackingTables tracking = new TrackingTables(settings.changelogTable());
    MigrationsAtHead head = MigrationsAtHead.build(scripts, settings, scratch, major, tracking);
    SchemaSnapshot declared;
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      declared = model.buildOn(database.connections(), tracking);
    }
    List<String> forward = MigrationDraft.between(head.snapshot(), declared);
    if (forward.isEmpty()) {
      return Optional.empty();
    }
    String text = "-- // " + description.strip() + "\n"
        + "-- Drafted by quantagent:create -Dquantagent.autogenerate from the model " + model.file().getFileName()
        + " and proven\n-- on a scratch database (forward gives the model's schema, undo gives head back). Review it"
        + " before you commit it.\n" + String.join("\n", forward) + "\n\n-- //@UNDO\n"
        + String.join("\n", MigrationDraft.between(declared, head.snapshot())) + "\n";
    prove(text, head.migrations(), head.snapshot(), declared, major, LiveSession.NEW_DATABASE, tracking);
    return Optional.of(text);
  }

  private void prove(String text, List<MigrationInfo> known, SchemaSnapshot head, SchemaSnapshot actual, int major,
      LiveSession session, TrackingTables tracking) {
    Path directory = withDraft(text, known);
    ScriptSource withDraft = ScriptSource.directory(directory);
    try (ScratchDatabases.Scratch database = scratch.create(major)) {
      ConnectionFactory likeLive = session.on(database.connections(), ScriptCreations.schemas(scripts));
      Migrator migrator = new Migrator(likeLive, withDraft, settings, EventLog.silent());
      run("change", () -> migrator.upgrade(new Target.Head()));
      requireNone("after the draft's change", compareOn(likeLive, actual, scratchSchema(likeLive, tracking)));
      run("undo", () -> migrator.downgrade(new Target.Relative(1)));
      requireNone("after the draft's undo", compareOn(likeLive, head, scratchSchema(likeLive, tracking)));
    } finally {
      deleteQuietly(directory);
    }
  }

  private Path withDraft(String text, List<MigrationInfo> known) {
    try {
      Path directory = Files.createTempDirectory("quantagent-autogenerate");
      for (String filename : scripts.loader().filenames()) {
        Files.writeString(directory.resolve(filename), scripts.loader().text(filename), StandardCharsets.UTF_8);
      }
      BigDecimal next = known.isEmpty() ? BigDecimal.ONE : known.get(known.size() - 1).id().add(BigDecimal.ONE);
      Files.writeString(directory.resolve(next.toPlainString() + "_autogenerated_draft.sql"), text, StandardCharsets.UTF_8);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage the draft for its proof: " + e.getMessage(), e);
    }
  }

  private static void run(String part, Runnable step) {
    try {
      step.run();
    } catch (MigrationFailureException e) {
      // What failed and what PostgreSQL said; a live upgrade's advice ("run it again") would be about a temporary copy.
      String failure = e instanceof ScriptFailedException failed ? failed.failure() : e.getMessage();
      throw new AutogenerateProofException("The draft's " + part + " failed on the scratch database, so nothing was"
          + " written:\n  " + failure.replace("\n", "\n  ")
          + "\n  Write this migration by hand (mvn quantagent:create -Ddesc=...).");
    }
  }

  private static void requireNone(String when, List<SchemaDifference> differences) {
    List<String> remaining = differences.stream().filter(d -> !d.isWarning()).map(SchemaDifference::describe).toList();
    if (!remaining.isEmpty()) {
      throw new AutogenerateProofException("The draft did not prove out " + when + ", so nothing was written:\n  - "
          + String.join("\n  - ", remaining) + "\n  Write this migration by hand (mvn quantagent:create -Ddesc=...).");
    }
  }

  /** A definition the draft re-created from its printed text may print another way; PostgreSQL judges. */
  private static List<SchemaDifference> compareOn(ConnectionFactory scratch, SchemaSnapshot expected,
      SchemaSnapshot built) {
    return SchemaComparison.compare(expected, EquivalentDefinitions.align(expected, built, scratch));
  }

  private static SchemaSnapshot scratchSchema(ConnectionFactory scratch, TrackingTables tracking) {
    return SchemaRead.of(scratch, tracking, "scratch").snapshot();
  }

  private static void deleteQuietly(Path directory) {
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the system cleans it
    }
  }
}
