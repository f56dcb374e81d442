package io.quantagent.migrations.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the goal's first connection on a thread of its own as soon as the database is known, while the goal reads its
 * scripts. A JVM's first connection loads the driver's classes and waits for the server (0.14 s to a local one, more to
 * a distant one); the goal then waits only for the part the reading did not cover. Later connections are opened when
 * asked for.
 */
final class FirstConnectionAhead implements ConnectionFactory, AutoCloseable {
  private final ConnectionFactory connections;
  private final CompletableFuture<Connection> first = new CompletableFuture<>();
  private boolean firstClaimed; // guarded by this

  FirstConnectionAhead(ConnectionFactory connections) {
    this.connections = connections;
    Thread opener = new Thread(this::openFirst, "quantagent-first-connection");
    opener.setDaemon(true); // a server that never answers must not keep Maven's JVM alive for its connect timeout
    opener.start();
  }

  private void openFirst() {
    try {
      first.complete(connections.open());
    } catch (Throwable e) {
      first.completeExceptionally(e);
    }
  }

  /** The connection opened ahead, once it is there, or its failure, as the goal would have met it; then new ones. */
  @Override
  public Connection open() {
    if (!claimFirst()) {
      return connections.open();
    }
    try {
      return first.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private synchronized boolean claimFirst() {
    boolean claimed = !firstClaimed;
    firstClaimed = true;
    return claimed;
  }

  /** Closes the connection opened ahead if the goal never took it (it failed first), now or when it arrives. */
  @Override
  public void close() {
    if (claimFirst()) {
      first.thenAccept(FirstConnectionAhead::closeQuietly);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // never used: nothing of the goal's is lost with it
    }
  }
}
