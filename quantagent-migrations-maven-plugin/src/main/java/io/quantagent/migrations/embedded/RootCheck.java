package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/** Whether this JVM runs as root, and who {@code nobody} is. */
final class RootCheck {
  private static final int OVERFLOW_ID = 65534;

  private RootCheck() {}

  static boolean isRoot() {
    return isRoot(System.getProperty("os.name", ""), RootCheck::unixUid);
  }

  static boolean isRoot(String osName, IntSupplier uid) {
    if (osName.startsWith("Windows")) {
      return false; // pg_ctl itself drops administrator rights there, and there is no uid to ask for
    }
    return uid.getAsInt() == 0;
  }

  /** -1 when the uid cannot be known (then only the name root counts as root). */
  private static int unixUid() {
    return uid().map(Long::intValue).orElse("root".equals(System.getProperty("user.name")) ? 0 : -1);
  }

  /** False for a uid without a passwd entry, whose user.name the JDK sets to "?". */
  static boolean hasUserName() {
    return !"?".equals(System.getProperty("user.name"));
  }

  /**
   * This process's numeric uid; empty on Windows. From {@code /proc} first: the JDK's UnixSystem reports uid 0 for
   * a uid without a passwd entry (docker run --user 12345), which would make such a user root.
   */
  static Optional<Long> uid() {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return Optional.empty();
    }
    Optional<Long> fromProc = uidFromProc();
    if (fromProc.isPresent()) {
      return fromProc;
    }
    try {
      return Optional.of(new com.sun.security.auth.module.UnixSystem().getUid());
    } catch (LinkageError e) {
      return Optional.empty(); // a JDK without jdk.security.auth
    }
  }

  private static Optional<Long> uidFromProc() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
          .map(l -> Long.parseLong(l.split("\\s+")[2])).findFirst(); // the effective uid
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The uid and primary gid of {@code nobody} (its group is {@code nogroup} on Debian, {@code nobody} on Fedora). */
  static int[] nobodyIds() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        List<String> fields = List.of(line.split(":"));
        if (fields.size() > 3 && fields.get(0).equals("nobody")) {
          return new int[] {Integer.parseInt(fields.get(2)), Integer.parseInt(fields.get(3))};
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the kernel's overflow ids, which is what nobody is almost everywhere
    }
    return new int[] {OVERFLOW_ID, OVERFLOW_ID};
  }
}
