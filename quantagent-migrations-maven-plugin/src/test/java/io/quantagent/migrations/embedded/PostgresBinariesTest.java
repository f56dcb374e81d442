package io.quantagent.migrations.embedded;

import static io.quantagent.migrations.embedded.TestSupport.queryOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.Prerequisite;
import io.quantagent.migrations.testing.ThreadPerTask;
import io.quantagent.migrations.testing.WaitBound;
import java.net.JarURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@WaitBound
@ResourceLock(WaitBound.OWN_SERVERS)
class PostgresBinariesTest {
  @TempDir Path dir;

  @Test
  void platformsAreNamedAsZonkyNamesThem() {
    assertEquals("linux-amd64", Platform.of("Linux", "amd64").artifactSuffix());
    assertEquals("postgres-linux-x86_64.txz", Platform.of("Linux", "amd64").archiveName());
    assertEquals("linux-arm64v8", Platform.of("Linux", "aarch64").artifactSuffix());
    assertEquals("postgres-linux-arm_64.txz", Platform.of("Linux", "aarch64").archiveName());
    assertEquals("darwin-amd64", Platform.of("Mac OS X", "x86_64").artifactSuffix());
    assertEquals("darwin-arm64v8", Platform.of("Mac OS X", "aarch64").artifactSuffix());
    assertEquals("windows-amd64", Platform.of("Windows 11", "amd64").artifactSuffix());
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class, () -> Platform.of("SunOS", "sparcv9"));
    assertTrue(e.getMessage().contains("-Dquantagent.url"), e.getMessage());
  }

  @Test
  void thisPlatformsSuffixMatchesTheTestDependency() {
    Prerequisite.require(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "Linux on amd64, the platform of the zonky binaries this module's tests depend on");
    assertEquals("linux-amd64", PostgresBinaries.platformSuffix());
  }

  @Test
  void twoConcurrentExtractionsYieldOneCompleteTree() throws Exception {
    Path jar = zonkyJar();
    Path cache = dir.resolve("cache");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Path>> runs = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
      awaitQuietly(go);
      return PostgresBinaries.fromArchive(jar, cache).binDirectory(EventLog.silent());
    }, ThreadPerTask.EXECUTOR)).limit(2).toList();
    go.countDown();
    Path bin = runs.get(0).join();
    assertEquals(bin, runs.get(1).join());
    try (Stream<Path> entries = Files.list(cache)) {
      assertEquals(List.of(bin.getParent()), entries.toList()); // no staging directory left
    }
    assertTrue(Files.isExecutable(bin.resolve("postgres")));
    assertTrue(Files.getPosixFilePermissions(bin.resolve("postgres")).containsAll(Set.of(
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE)));
    assertTrue(Files.isSymbolicLink(bin.resolveSibling("lib/libpq.so.5")));
    assertTrue(Files.exists(bin.resolveSibling("share/postgresql/postgres.bki")));
  }

  @Test
  void anArchiveWithoutPostgresIsReported() throws Exception {
    Path notZonky = dir.resolve("something-else.jar");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(notZonky))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("README"));
    }
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> PostgresBinaries.fromArchive(notZonky, dir.resolve("cache")).binDirectory(EventLog.silent()));
    assertTrue(e.getMessage().contains("it holds no postgres-<os>-<arch>.txz"), e.getMessage());
  }

  /**
   * A cleaner of the temporary directory (systemd-tmpfiles: what nobody read for 10 days) took the file only initdb
   * reads, and the template with it: the next start extracts the binaries again instead of failing for good.
   */
  @Test
  void binariesThatLostAFileAreExtractedAgain() throws Exception {
    Path cache = dir.resolve("cache");
    Path bin = PostgresBinaries.fromArchive(zonkyJar(), cache).binDirectory(EventLog.silent());
    Path bki = bin.resolveSibling("share/postgresql/postgres.bki");
    Files.delete(bki);
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(
        PostgresBinaries.fromArchive(zonkyJar(), cache), dir.resolve("data")), EventLog.silent())) {
      assertEquals("1", queryOne(pg, "select 1"));
    }
    assertTrue(Files.exists(bki));
    try (Stream<Path> entries = Files.list(cache)) {
      assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().contains(".partial-")).toList());
    }
  }

  /**
   * An entry an older plugin made has no record of its contents. When it holds what initdb needs it is kept (on
   * Windows a server running from it would keep it from being replaced, and every goal would extract it again) and
   * gains a record; when it does not, it is extracted again.
   */
  @Test
  void anEntryWithoutARecordIsKeptWhenItHoldsWhatInitdbNeeds() throws Exception {
    Path cache = dir.resolve("cache");
    Path entry = PostgresBinaries.fromArchive(zonkyJar(), cache).binDirectory(EventLog.silent()).getParent();
    Files.delete(entry.resolve(ExtractedContents.FILE_NAME));
    Path marker = Files.writeString(entry.resolve("made-by-an-older-plugin"), "");
    PostgresBinaries.fromArchive(zonkyJar(), cache).binDirectory(EventLog.silent());
    assertTrue(Files.exists(marker), "the entry was kept, not extracted again");
    assertTrue(ExtractedContents.complete(entry), "and gained a record");

    Files.delete(entry.resolve(ExtractedContents.FILE_NAME));
    Path bki = entry.resolve("share/postgresql/postgres.bki");
    Files.delete(bki);
    PostgresBinaries.fromArchive(zonkyJar(), cache).binDirectory(EventLog.silent());
    assertTrue(Files.exists(bki), "one that lacks postgres.bki is extracted again");
    assertTrue(ExtractedContents.complete(entry));
  }

  /** What the cleaner leaves of a template nobody copied lately: its folders, empty. It is made again. */
  @Test
  void aTemplateLeftWithOnlyEmptyFoldersIsMadeAgain() throws Exception {
    PostgresBinaries binaries = PostgresBinaries.fromArchive(zonkyJar(), dir.resolve("cache"));
    EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries, dir.resolve("first")), EventLog.silent())
        .close();
    Path template = binaries.templateDirectory("postgres", EventLog.silent());
    try (Stream<Path> tree = Files.walk(template)) {
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgresSettings.throwaway(binaries,
        dir.resolve("second")), EventLog.silent())) {
      assertEquals("1", queryOne(pg, "select 1"));
    }
    assertTrue(Files.exists(template.resolve("PG_VERSION")));
  }

  private static Path zonkyJar() throws Exception {
    var url = PostgresBinariesTest.class.getClassLoader().getResource(Platform.current().archiveName());
    return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
