package io.quantagent.migrations.maven;

import io.quantagent.migrations.engine.ScriptCreator;
import io.quantagent.migrations.engine.ScriptSource;
import io.quantagent.migrations.engine.ScriptFileName;
import io.quantagent.migrations.engine.Slug;
import io.quantagent.migrations.schema.ModelSchema;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a new migration script into scriptsDirectory: {@code mvn quantagent:create -Ddesc="add risk level"}, from a
 * template and with no database; or, with {@code -Dquantagent.autogenerate}, drafted from the live database's drift
 * (or, with a {@code <model>}, from the model's difference to the migrations) and proven on a scratch database first.
 */
@Mojo(name = "create", threadSafe = true)
public class CreateMojo extends AbstractDatabaseMojo {

  /** What the migration does; it becomes the script's header and, as a slug, its file name. */
  @Parameter(property = PropertyKeys.DESC)
  private String desc;

  /** Draft the script from the difference between the migrations' schema at head and the live database. */
  @Parameter(property = PropertyKeys.AUTOGENERATE, defaultValue = "false")
  private boolean autogenerate;

  /**
   * The schema as it should be, in plain PostgreSQL DDL (a {@code schema.sql} kept by hand, or the script a
   * JPA/Hibernate build exports). With it, autogenerate drafts the migration from the model instead of the live
   * database, and needs no database at all.
   */
  @Parameter(property = PropertyKeys.MODEL)
  private File model;

  /** Ids come after every script there is, the class path's too: both are read together. */
  private ScriptCreator creator() {
    return new ScriptCreator(scriptsDirectory(), Clock.systemUTC())
        .after(ScriptSource.classpath(getClass().getClassLoader()).loader().filenames());
  }

  @Override
  protected boolean needsDatabase() {
    return autogenerate && model == null;
  }

  @Override
  protected boolean needsScripts() {
    return autogenerate;
  }

  @Override
  protected void checkInputs() {
    Slug.of(desc); // a bad description fails before the slow part
    if (autogenerate && model != null) {
      ModelSchema.of(model.toPath());
    }
  }

  @Override
  protected void runWithoutScripts() {
    Path script = creator().create(desc);
    getLog().info("Created " + script);
    getLog().info("Scripts: " + ScriptSource.choose(scriptsDirectory(), getClass().getClassLoader()).location());
    getLog().info("Write the change above '-- //@UNDO' and its reversal below it, then run mvn quantagent:upgrade.");
  }

  @Override
  protected void run(GoalContext context) {
    if (model != null) {
      draftFromModel(context);
      return;
    }
    Optional<String> draft = context.autogenerator().draft(desc);
    if (draft.isEmpty()) {
      getLog().info("No drift: the live database's schema is what the migrations build at head; nothing to write.");
      return;
    }
    Path script = creator().create(desc, draft.get());
    getLog().info("Created " + script + ", drafted from the live database and proven on a scratch database.");
    getLog().info("The live database already has this change: record it there without running it,"
        + " mvn quantagent:stamp -Dtarget=" + ScriptFileName.parse(script.getFileName().toString()).id().toPlainString()
        + " (upgrade would run it again and fail).");
    getLog().info("Review it (look for REVIEW and CANNOT EXPRESS lines), commit it, and run mvn quantagent:upgrade on"
        + " every other database.");
  }

  private void draftFromModel(GoalContext context) {
    ModelSchema declared = ModelSchema.of(model.toPath());
    getLog().info("Model: " + declared + " (built on PostgreSQL " + embeddedMajor() + ")");
    Optional<String> draft = context.autogenerator().draft(declared, embeddedMajor(), desc);
    if (draft.isEmpty()) {
      getLog().info("The model is what the migrations build at head; nothing to write.");
      return;
    }
    Path script = creator().create(desc, draft.get());
    getLog().info("Created " + script + ", drafted from the model and proven on a scratch database.");
    getLog().info("Review it (look for REVIEW and CANNOT EXPRESS lines), then run mvn quantagent:upgrade.");
  }
}
