package io.quantagent.migrations.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test class that mostly waits (servers starting and stopping, lock timeouts running out, child processes) instead
 * of computing: it runs beside the compute-bound classes, which stay one at a time in the main thread, instead of
 * after them, so that on a two-core CI machine its waits overlap their work (junit-platform.properties). Classes that
 * start, kill and count servers of their own also take {@code @ResourceLock(WaitBound.OWN_SERVERS)}, which keeps them
 * one at a time among themselves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface WaitBound {
  String OWN_SERVERS = "PostgreSQL servers a test starts itself";
}
