package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.KnownSecrets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A copy of an exception chain that is safe and short to print: each message masked, MyBatis' wrappers left out
 * (their message is "Error executing: " plus the whole script, then the cause's message again), classes and stack
 * traces kept. Maven prints the chain twice (the {@code [ERROR]} line appends every cause's message it does not
 * already hold; {@code -e} prints each {@code Caused by:}), so whatever reaches Maven as a cause passes here first.
 */
final class PrintableCause extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClass;
  private final boolean hadMessage;

  // Without a message Maven would name this class in its summary; it names the original one instead.
  private PrintableCause(Throwable original, String message, Throwable cause) {
    super(message == null ? original.getClass().getSimpleName() : message, cause);
    this.originalClass = original.getClass().getName();
    this.hadMessage = message != null;
    setStackTrace(original.getStackTrace());
  }

  static Throwable of(Throwable error, KnownSecrets secrets) {
    return copy(error, secrets, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Throwable copy(Throwable error, KnownSecrets secrets, Set<Throwable> seen) {
    if (error == null || !seen.add(error)) {
      return null;
    }
    if (isMybatisWrapper(error)) {
      return copy(error.getCause(), secrets, seen);
    }
    PrintableCause copy = new PrintableCause(error, secrets.mask(error.getMessage()),
        copy(error.getCause(), secrets, seen));
    for (Throwable suppressed : error.getSuppressed()) {
      Throwable printable = copy(suppressed, secrets, seen);
      if (printable != null) {
        copy.addSuppressed(printable);
      }
    }
    return copy;
  }

  /** An exception MyBatis threw around another one, adding nothing but the script's text. */
  static boolean isMybatisWrapper(Throwable error) {
    if (error.getCause() == null) {
      return false;
    }
    if (error.getClass().getName().startsWith("org.apache.ibatis.")) {
      return true;
    }
    StackTraceElement[] trace = error.getStackTrace();
    return error.getClass() == RuntimeException.class && trace.length > 0
        && trace[0].getClassName().startsWith("org.apache.ibatis.");
  }

  /** The class that was thrown, not this copy's. */
  String originalClass() {
    return originalClass;
  }

  @Override
  public String toString() {
    return hadMessage ? originalClass + ": " + getMessage() : originalClass;
  }
}
