package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quantagent.migrations.db.KnownSecrets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The copy of a failure Maven prints: masked, and otherwise what was thrown. */
class PrintableCauseTest {

  /** mvn -e prints the stack trace: it must say where the failure happened, not where it was copied. */
  @Test
  void theCopyKeepsTheStackTraceOfWhatWasThrown() {
    IllegalStateException thrown = new IllegalStateException("at postgresql://quant:s3cret@h/db");

    Throwable printable = PrintableCause.of(thrown, new KnownSecrets());

    assertEquals("java.lang.IllegalStateException: at postgresql://quant:****@h/db", printable.toString());
    assertArrayEquals(thrown.getStackTrace(), printable.getStackTrace());
  }

  /**
   * A close that fails with the failure it was suppressed by as its cause (a pool wrapping the statement's error)
   * makes the chain refer back to itself: the copy takes each exception once, and ends.
   */
  @Test
  void aChainThatRefersBackToItselfIsCopiedOnce() {
    SQLException failure = new SQLException("password=s3cret rejected");
    IllegalStateException closing = new IllegalStateException("closing after it", failure);
    failure.addSuppressed(closing);

    Throwable printable = PrintableCause.of(failure, new KnownSecrets());

    assertEquals("java.sql.SQLException: password=**** rejected", printable.toString());
    Throwable suppressed = printable.getSuppressed()[0];
    assertEquals("java.lang.IllegalStateException: closing after it", suppressed.toString());
    assertNull(suppressed.getCause(), "the failure itself is printed once, above");
  }
}
