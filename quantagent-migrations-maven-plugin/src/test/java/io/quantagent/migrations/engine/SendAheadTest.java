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

  @Test
  void whatQueuesWhileAWindowIsOutGoesTogetherInOrder() throws InterruptedException {
    List<List<Integer>> windows = new ArrayList<>();
    CountDownLatch firstWindowOut = new CountDownLatch(1);
    CountDownLatch serverAnswers = new CountDownLatch(1);
    try (SendAhead<Integer> sender = new SendAhead<>("test-sender", window -> {
      synchronized (windows) {
        windows.add(List.copyOf(window));
      }
      firstWindowOut.countDown();
      await(serverAnswers);
    })) {
      sender.submit(1);
      firstWindowOut.await();
      for (int i = 2; i <= 6; i++) {
        sender.submit(i);
      }
      serverAnswers.countDown();
      sender.await();
    }
    assertEquals(List.of(List.of(1), List.of(2, 3, 4, 5, 6)), windows);
  }

  @Test
  void theCallerWaitsOnceDepthMigrationsAreQueuedSoNoWindowIsLarger() throws InterruptedException {
    List<List<Integer>> windows = new ArrayList<>();
    CountDownLatch firstWindowOut = new CountDownLatch(1);
    CountDownLatch serverAnswers = new CountDownLatch(1);
    try (SendAhead<Integer> sender = new SendAhead<>("test-sender", window -> {
      synchronized (windows) {
        windows.add(List.copyOf(window));
      }
      firstWindowOut.countDown();
      await(serverAnswers);
    })) {
      sender.submit(0);
      firstWindowOut.await();
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
      serverAnswers.countDown();
      caller.join();
      sender.await();
    }
    assertEquals(List.of(SendAhead.DEPTH, 1), windows.subList(1, windows.size()).stream().map(List::size).toList());
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
