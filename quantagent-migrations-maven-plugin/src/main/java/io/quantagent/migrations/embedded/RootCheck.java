package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private static int unixUid() {
    try {
      return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    } catch (LinkageError e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : -1; // a JDK without jdk.security.auth
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
