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

  /** MyBatis' wrapper adds "Error executing: " and the whole script: the copy starts at what it wraps. */
  @Test
  void aMybatisWrapperIsLeftOutAndWhatItWrapsKept() {
    StackTraceElement[] inScriptRunner = {
        new StackTraceElement("org.apache.ibatis.jdbc.ScriptRunner", "executeStatement", "ScriptRunner.java", 1)};
    SQLException failure = new SQLException("relation \"a\" does not exist");
    RuntimeException wrapper = new RuntimeException("Error executing: create table b (a_id int references a);",
        failure);
    wrapper.setStackTrace(inScriptRunner);
    assertEquals("java.sql.SQLException: relation \"a\" does not exist",
        PrintableCause.of(wrapper, new KnownSecrets()).toString());

    RuntimeException wrapsNothing = new RuntimeException("Error executing: x");
    wrapsNothing.setStackTrace(inScriptRunner);
    assertEquals("java.lang.RuntimeException: Error executing: x",
        PrintableCause.of(wrapsNothing, new KnownSecrets()).toString(), "with no cause, it is all there is to say");
    IllegalStateException ownFailure = new IllegalStateException("the run lock is gone", failure);
    ownFailure.setStackTrace(inScriptRunner);
    assertEquals("java.lang.IllegalStateException: the run lock is gone",
        PrintableCause.of(ownFailure, new KnownSecrets()).toString(), "only MyBatis' plain RuntimeException wraps");
  }
}
