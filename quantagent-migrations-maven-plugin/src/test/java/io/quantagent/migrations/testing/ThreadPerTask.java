package io.quantagent.migrations.testing;

import java.util.concurrent.Executor;

/**
 * The executor for a test's background work ({@code CompletableFuture.supplyAsync(work, ThreadPerTask.EXECUTOR)}):
 * each task on a thread of its own. That work waits (on the run lock, a held table, a child process), and the default
 * pool, the JVM's common pool, has one thread on a two-core machine from Java 25 on: two tasks that wait for each
 * other, or for one of another class running beside, never both ran there. ThreadPerTaskTest keeps the default out.
 */
public final class ThreadPerTask implements Executor {
  public static final ThreadPerTask EXECUTOR = new ThreadPerTask();

  private ThreadPerTask() {}

  @Override
  public void execute(Runnable task) {
    Thread thread = new Thread(task, "test-background-task");
    thread.setDaemon(true);
    thread.start();
  }
}
