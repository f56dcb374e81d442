package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The sender's order, its windows and its first failure, without a database: the send is a function here. */
class SendAheadTest {

  /** A server that records each window and holds the first one until {@link #answer}. */
  private static final class HeldServer {
    final List<List<Integer>> windows = new ArrayList<>();
    final CountDownLatch firstWindowOut = new CountDownLatch(1);
    private final CountDownLatch answers = new CountDownLatch(1);

    void receive(List<Integer> window) {
      synchronized (windows) {
        windows.add(List.copyOf(window));
      }
      firstWindowOut.countDown();
      await(answers);
    }

    void answer() {
      answers.countDown();
    }
  }

  @Test
  void whatQueuesWhileAWindowIsOutGoesTogetherInOrder() throws InterruptedException {
    HeldServer server = new HeldServer();
    try (SendAhead<Integer> sender = new SendAhead<>("test-sender", server::receive)) {
      sender.submit(1);
      server.firstWindowOut.await();
      for (int i = 2; i <= 6; i++) {
        sender.submit(i);
      }
      server.answer();
      sender.await();
    }
    assertEquals(List.of(List.of(1), List.of(2, 3, 4, 5, 6)), server.windows);
  }

  @Test
  void theCallerWaitsOnceDepthMigrationsAreQueuedSoNoWindowIsLarger() throws InterruptedException {
    HeldServer server = new HeldServer();
    try (SendAhead<Integer> sender = new SendAhead<>("test-sender", server::receive)) {
      sender.submit(0);
      server.firstWindowOut.await();
      Thread caller = new Thread(() -> {
        for (int i = 1; i <= SendAhead.DEPTH + 1; i++) {
          sender.submit(i);
        }
      });
      caller.start();
      // The caller either waits for room (the bound holds) or gets through all of them (it does not).
      while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TERMINATED) {
        Thread.onSpinWait();
      }
      server.answer();
      caller.join();
      sender.await();
    }
    List<List<Integer>> afterTheFirst = server.windows.subList(1, server.windows.size());
    assertEquals(List.of(SendAhead.DEPTH, 1), afterTheFirst.stream().map(List::size).toList());
  }

  @Test
  void theFirstFailureDropsWhatQueuedBehindItAndReachesTheCallerAtItsNextStep() throws InterruptedException {
    List<Integer> sent = new ArrayList<>();
    IllegalStateException failure = new IllegalStateException("migration 2 failed");
    CountDownLatch failing = new CountDownLatch(1);
    CountDownLatch queuedBehind = new CountDownLatch(1);
    SendAhead<Integer> sender = new SendAhead<>("test-sender", window -> {
      for (int migration : window) {
        if (migration == 2) {
          failing.countDown();
          await(queuedBehind);
          throw failure;
        }
        synchronized (sent) {
          sent.add(migration);
        }
      }
    });
    try (sender) {
      sender.submit(1);
      sender.submit(2);
      failing.await();
      sender.submit(3); // queued behind the failing window: must never be sent
      sender.submit(4);
      queuedBehind.countDown();
      assertSame(failure, assertThrows(IllegalStateException.class, sender::await));
      assertSame(failure, assertThrows(IllegalStateException.class, () -> sender.submit(5)));
    }
    assertEquals(List.of(1), sent);
  }

  @Test
  void stopWaitsForTheWindowOutAndNeverThrowsItsFailure() throws InterruptedException {
    List<Integer> sent = new ArrayList<>();
    CountDownLatch out = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    SendAhead<Integer> sender = new SendAhead<>("test-sender", window -> {
      out.countDown();
      await(answer);
      synchronized (sent) {
        sent.addAll(window);
      }
      throw new IllegalStateException("failed after the caller gave up");
    });
    try (sender) {
      sender.submit(1);
      out.await();
      Thread answering = new Thread(answer::countDown);
      answering.start();
      sender.stop(); // the connection is the caller's again only once window [1] came back
      synchronized (sent) {
        assertEquals(List.of(1), sent);
      }
      answering.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
