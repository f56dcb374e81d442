package io.quantagent.migrations.embedded;

import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How initdb, pg_ctl and postgres are launched, chosen once per server: directly, or as root (which they refuse)
 * inside a user namespace or as the {@code nobody} user. See {@link PrivilegeMode}.
 */
final class Launcher {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  private final PrivilegeMode mode;
  private final List<String> prefix;
  private final int uid;
  private final int gid;

  private Launcher(PrivilegeMode mode, List<String> prefix, int uid, int gid) {
    this.mode = mode;
    this.prefix = prefix;
    this.uid = uid;
    this.gid = gid;
  }

  /** The programs that make root someone else; tests substitute ones that fail. */
  record Tools(String unshare, String setpriv) {
    static final Tools SYSTEM = new Tools("unshare", "setpriv");
  }

  static Launcher choose(PrivilegeMode requested, Path postgres, EventLog log) {
    return choose(requested, postgres, Tools.SYSTEM, log, System.getProperty("os.name", ""), RootCheck.isRoot());
  }

  static Launcher choose(PrivilegeMode requested, Path postgres, Tools tools, EventLog log, String osName,
      boolean root) {
    boolean linux = runsOnLinux(osName);
    // Off Linux a uid without a user name has no way around it here; initdb will say so itself.
    if (requested == PrivilegeMode.DIRECT
        || requested == PrivilegeMode.AUTO && !root && (RootCheck.hasUserName() || !linux)) {
      return new Launcher(PrivilegeMode.DIRECT, List.of(), -1, -1);
    }
    if (!linux) {
      throw new EmbeddedPostgresException("PostgreSQL refuses to run as root, and on " + osName + " there is no user"
          + " namespace (unshare -U) or setpriv to run it as another user; those exist on Linux only. Run Maven as a"
          + " non-root user, or give the plugin a running server with -Dquantagent.url=jdbc:postgresql://... or"
          + " DATABASE_URL.");
    }
    if (!root) {
      return withoutUserName(postgres, tools, log);
    }
    Launcher unshare = new Launcher(PrivilegeMode.USER_NAMESPACE, List.of(tools.unshare(), "-U"), 0, 0);
    int[] nobody = RootCheck.nobodyIds();
    Launcher setpriv = new Launcher(PrivilegeMode.SETPRIV, List.of(tools.setpriv(), "--reuid=" + nobody[0],
        "--regid=" + nobody[1], "--clear-groups"), nobody[0], nobody[1]);
    ProcessRunner.Result unshareProbe = null;
    if (requested != PrivilegeMode.SETPRIV) {
      unshareProbe = ProcessRunner.run(unshare.command(List.of("true")), PROBE_TIMEOUT);
      if (unshareProbe.succeeded()) {
        log.info("Running as root: PostgreSQL runs in a user namespace (unshare -U), where it is not root");
        return unshare;
      }
      log.debug("unshare -U true failed: " + unshareProbe.output().strip());
    }
    ProcessRunner.Result setprivProbe = null;
    if (requested != PrivilegeMode.USER_NAMESPACE) {
      // Probing with postgres itself also proves that nobody can reach and load the binaries.
      setprivProbe = ProcessRunner.run(setpriv.command(List.of(postgres.toString(), "--version")), PROBE_TIMEOUT);
      if (setprivProbe.succeeded()) {
        log.info("Running as root: PostgreSQL runs as user nobody (uid " + nobody[0] + ") through setpriv");
        return setpriv;
      }
    }
    throw new EmbeddedPostgresException("PostgreSQL refuses to run as root, and this process (root) found no way"
        + " to run it as another user:\n" + attempt("unshare -U true", unshareProbe)
        + attempt("setpriv --reuid=" + nobody[0] + " " + postgres + " --version", setprivProbe)
        + "Fix one of these: run Maven as a non-root user; allow user namespaces (for Docker: --security-opt"
        + " seccomp=unconfined, or a seccomp profile that permits unshare); let nobody reach the binaries (every"
        + " directory above them needs o+x); or give the plugin a running server with"
        + " -Dquantagent.url=jdbc:postgresql://... or DATABASE_URL.");
  }

  private static boolean runsOnLinux(String osName) {
    try {
      return Platform.of(osName, "amd64").canLaunchAsAnotherUser();
    } catch (EmbeddedPostgresException unknownSystem) {
      return false;
    }
  }

  /**
   * A uid without a passwd entry (docker run --user 12345, OpenShift): postgres does not mind, but initdb and
   * {@code postgres --single} refuse to run without a user name. In a user namespace the binaries are nobody, who
   * has one, and the user's files look like nobody's; the files stay the user's.
   */
  private static Launcher withoutUserName(Path postgres, Tools tools, EventLog log) {
    int uid = RootCheck.uid().map(Long::intValue).orElse(-1);
    Launcher unshare = new Launcher(PrivilegeMode.USER_NAMESPACE, List.of(tools.unshare(), "-U"), uid, -1);
    ProcessRunner.Result probe = ProcessRunner.run(unshare.command(List.of(postgres.toString(), "--version")),
        PROBE_TIMEOUT);
    if (probe.succeeded()) {
      log.info("This process's uid " + uid + " has no user name (no passwd entry), which initdb needs: PostgreSQL"
          + " runs in a user namespace (unshare -U), where it is nobody");
      return unshare;
    }
    throw new EmbeddedPostgresException("This process runs as uid " + uid + ", which has no passwd entry, and"
        + " initdb refuses to run without a user name. A user namespace would give it one, but:\n"
        + attempt("unshare -U " + postgres + " --version", probe) + "Fix one of these: give the uid a passwd entry"
        + " (in the image, or with nss_wrapper); allow user namespaces (for Docker: --security-opt"
        + " seccomp=unconfined, or a seccomp profile that permits unshare); or give the plugin a running server"
        + " with -Dquantagent.url=jdbc:postgresql://... or DATABASE_URL.");
  }

  PrivilegeMode mode() {
    return mode;
  }

  List<String> command(List<String> argv) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(argv);
    return command;
  }

  /**
   * Makes a file or tree belong to the user the binaries run as: nobody for setpriv, root for the user namespace
   * (a tree that setpriv gave to nobody earlier is unreadable there). Untouched when it already belongs to them.
   */
  void grant(Path path, EventLog log) throws IOException {
    if (mode == PrivilegeMode.DIRECT || (Integer) Files.getAttribute(path, "unix:uid") == uid) {
      return;
    }
    log.debug("Giving " + path + " to uid " + uid + " so that PostgreSQL (" + mode + ") can use it");
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** As nobody, the server must be able to walk down to its data directory. */
  void checkReachable(Path dataDirectory) throws IOException {
    if (mode != PrivilegeMode.SETPRIV) {
      return;
    }
    for (Path dir = dataDirectory.getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)
          && (Integer) Files.getAttribute(dir, "unix:uid") != uid) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
        throw new EmbeddedPostgresException("PostgreSQL runs as user nobody here (setpriv mode), and nobody cannot"
            + " enter " + dir + " (" + mode + ") on the way to the data directory " + dataDirectory + ". Allow it"
            + " (chmod o+x " + dir + "), put the data directory elsewhere, or run Maven as a non-root user.");
      }
    }
  }

  private static String attempt(String what, ProcessRunner.Result result) {
    if (result == null) {
      return "";
    }
    return "- " + what + " failed (exit " + result.exitCode() + "):\n" + FileTrees.indent(result.output().strip())
        + "\n";
  }
}
