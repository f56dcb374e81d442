package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What differs on Windows and macOS, decided from the OS name alone so that CI (Linux only) covers it: the binaries'
 * file names, zonky's artifact and archive names, and how a root JVM launches PostgreSQL.
 */
class OtherPlatformsTest {
  private static final Path POSTGRES = Path.of("bin", "postgres");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "Windows 11,      amd64,   windows-amd64,  postgres-windows-x86_64.txz, initdb.exe",
      "Windows Server 2022, x86_64, windows-amd64, postgres-windows-x86_64.txz, initdb.exe",
      "Mac OS X,        aarch64, darwin-arm64v8, postgres-darwin-arm_64.txz,  initdb",
      "Mac OS X,        x86_64,  darwin-amd64,   postgres-darwin-x86_64.txz,  initdb",
      "Linux,           amd64,   linux-amd64,    postgres-linux-x86_64.txz,   initdb"})
  void binariesAreNamedForThePlatform(String os, String arch, String artifact, String archive, String initdb) {
    Platform platform = Platform.of(os, arch);
    assertEquals(artifact, platform.artifactSuffix());
    assertEquals(archive, platform.archiveName());
    assertEquals(initdb, Platform.executableFor(os, "initdb"));
  }

  @Test
  void windowsOnArmHasNoBinariesAndSaysWhatToDo() {
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> Platform.of("Windows 11", "aarch64"));
    assertTrue(e.getMessage().contains("windows-amd64") && e.getMessage().contains("DATABASE_URL"), e.getMessage());
  }

  @Test
  void onWindowsNoOneIsRootAndNoUidIsAskedFor() {
    assertFalse(RootCheck.isRoot("Windows 11", () -> {
      throw new AssertionError("Windows has no uid");
    }));
    assertTrue(RootCheck.isRoot("Mac OS X", () -> 0));
    assertFalse(RootCheck.isRoot("Linux", () -> 1000));
  }

  @Test
  void withoutRootTheBinariesRunDirectlyEverywhere() {
    for (String os : new String[] {"Windows 11", "Mac OS X", "Linux"}) {
      assertEquals(PrivilegeMode.DIRECT, Launcher.choose(PrivilegeMode.AUTO, POSTGRES, Launcher.Tools.SYSTEM, EventLog.silent(), os, false)
          .mode(), os);
    }
  }

  @Test
  void rootOnMacOsIsToldToUseAnotherUserInsteadOfProbingForUnshareOrSetpriv() {
    EmbeddedPostgresException e = assertThrows(EmbeddedPostgresException.class,
        () -> Launcher.choose(PrivilegeMode.AUTO, POSTGRES, Launcher.Tools.SYSTEM, EventLog.silent(), "Mac OS X",
            true));
    assertTrue(e.getMessage().contains("on Mac OS X there is no user namespace (unshare -U) or setpriv"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Run Maven as a non-root user"), e.getMessage());
  }

  @Test
  void theCacheDirectoryNameHasNoSpaceForAUserNameWithOne() {
    Path temp = Path.of("tmp");
    assertEquals(temp.resolve("quantagent-postgres-John_Doe"), ArchiveExtractor.defaultCacheRoot(temp, "John Doe"));
    assertEquals(temp.resolve("quantagent-postgres-CORP_jdoe"), ArchiveExtractor.defaultCacheRoot(temp, "CORP\\jdoe"));
  }
}
