package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
  private static final int PIPE_OVERFLOW = 200_000;

  /**
   * Every thread of the JVM's common pool busy, as in a parallel build whose other modules wait on their own commands:
   * a command that writes more than a pipe holds (64 KiB on Linux) ends only once its output is read, so it is read.
   */
  @Test
  void readsTheOutputWhileTheCommonPoolIsBusy() throws Exception {
    int workers = ForkJoinPool.commonPool().getParallelism();
    CountDownLatch allBusy = new CountDownLatch(workers);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < workers; i++) {
      ForkJoinPool.commonPool().execute(() -> {
        allBusy.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try {
      allBusy.await();
      ProcessRunner.Result result = ProcessRunner.run(
          List.of("sh", "-c", "head -c " + PIPE_OVERFLOW + " /dev/zero | tr '\\0' x"), Duration.ofSeconds(20));
      assertEquals(0, result.exitCode(), result.output());
      assertEquals("x".repeat(PIPE_OVERFLOW), result.output());
    } finally {
      release.countDown();
    }
  }
}
