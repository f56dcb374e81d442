package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.InvalidDatabaseUrlException;
import io.quantagent.migrations.db.UrlMasker;
import io.quantagent.migrations.engine.MigrationFailureException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where engine exceptions become Maven's two kinds: BUILD FAILURE when the user's project
 * must change (bad target, broken script, bad URL), BUILD ERROR when the environment is broken.
 */
final class FailureMapper {
  private FailureMapper() {}

  static Exception map(RuntimeException e) {
    String message = UrlMasker.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (e instanceof MigrationFailureException || e instanceof InvalidDatabaseUrlException) {
      return new MojoFailureException(message, e);
    }
    return new MojoExecutionException(message, e);
  }
}
