package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The development database's port: chosen once for a project and kept in {@code .quantagent/port}, so that a
 * database tool keeps its connection settings from one day to the next. The first choice depends on the project's
 * path and lies below the ports the operating system hands out for outgoing connections (32768 and up on Linux,
 * 49152 and up elsewhere), so a port kept today is rarely taken by chance tomorrow.
 */
final class StablePort {
  static final int FIRST = 20000;
  static final int RANGE = 10000;
  private static final int ATTEMPTS = 50;

  private StablePort() {}

  /**
   * The port to start on: {@code requested} when not 0, else the kept port, else a new one (kept at once). A requested
   * port is kept by {@link #keep} once a server listens on it.
   */
  static int resolve(Path file, int requested, Path project) throws IOException {
    if (requested != 0) {
      return requested;
    }
    String kept = read(file);
    if (kept != null) {
      try {
        return Integer.parseInt(kept);
      } catch (NumberFormatException e) {
        throw new EmbeddedPostgresException("The development database's port file " + file + " holds '" + kept
            + "', not a port. Delete it (a new port is chosen), or set one with -Dquantagent.port=<port>.");
      }
    }
    return Integer.parseInt(WriteOnceFile.readOrCreate(file, () -> String.valueOf(choose(project))));
  }

  /** Keeps {@code port} for the next starts that ask for none. */
  static void keep(Path file, int port) throws IOException {
    if (!String.valueOf(port).equals(read(file))) {
      Path draft = Files.createTempFile(file.getParent(), ".port", ".draft");
      Files.writeString(draft, port + "\n", StandardCharsets.UTF_8);
      Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** From a place in the range that depends on the project, the first port nothing listens on. */
  static int choose(Path project) {
    int start = Math.floorMod(project.toAbsolutePath().normalize().toString().hashCode(), RANGE);
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = FIRST + (start + i) % RANGE;
      if (free(port)) {
        return port;
      }
    }
    return FIRST + start; // all busy: starting on it fails with a message that names it and -Dquantagent.port
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
  }
}
