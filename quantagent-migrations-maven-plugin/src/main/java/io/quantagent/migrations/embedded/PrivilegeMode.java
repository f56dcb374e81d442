package io.quantagent.migrations.embedded;

/**
 * How the PostgreSQL binaries are launched. initdb and postgres refuse to run as root, and root is common in CI and
 * containers, so as root they are launched as someone else.
 */
public enum PrivilegeMode {
  /** Choose: {@link #DIRECT} when not root, else {@link #USER_NAMESPACE} if it works, else {@link #SETPRIV}. */
  AUTO,
  /** Run the binaries as the current user. */
  DIRECT,
  /**
   * Prefix the commands with {@code unshare -U}: in a fresh user namespace without mappings the binaries see
   * themselves as {@code nobody} and root's files as their own, while the kernel still checks access as root.
   */
  USER_NAMESPACE,
  /**
   * Prefix the commands with {@code setpriv} to become the {@code nobody} user, after giving it the data directory;
   * for hosts that block user namespaces (Docker's default seccomp profile).
   */
  SETPRIV
}
