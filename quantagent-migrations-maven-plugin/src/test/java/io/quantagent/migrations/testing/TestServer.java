package io.quantagent.migrations.testing;

import io.quantagent.migrations.db.DatabaseUrl;
import io.quantagent.migrations.db.PostgresConnector;
import io.quantagent.migrations.embedded.EmbeddedPostgres;
import io.quantagent.migrations.embedded.EmbeddedPostgresSettings;
import io.quantagent.migrations.events.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway PostgreSQL server of one major version for the whole test JVM, started by {@link PostgresFixture}
 * on first use and stopped when the JVM's tests end. Tests never share a database: each gets a fresh one.
 */
public final class TestServer implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  /** Databases created ahead of the tests that will ask for them, so a test rarely waits for CREATE DATABASE. */
  private static final int READY_DATABASES = 3;

  private final PostgresMajor major;
  private final EmbeddedPostgres postgres;
  private final Path binDirectory;
  // One thread creates and drops databases beside the running tests; CREATE and DROP DATABASE take ~0.1 s each.
  private final ExecutorService housekeeper = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "test-database-housekeeper");
    thread.setDaemon(true);
    return thread;
  });
  private final Deque<Future<String>> ready = new ArrayDeque<>();

  private TestServer(PostgresMajor major, EmbeddedPostgres postgres, Path binDirectory) {
    this.major = major;
    this.postgres = postgres;
    this.binDirectory = binDirectory;
  }

  static TestServer start(PostgresMajor major) {
    try {
      Path data = FastScratchSpace.newDirectory("quantagent-test-pg" + major.number() + "-");
      Files.delete(data); // initdb wants to create it
      var binaries = major.binaries();
      EmbeddedPostgres postgres = EmbeddedPostgres.start(
          EmbeddedPostgresSettings.throwaway(binaries, data), EventLog.silent());
      return new TestServer(major, postgres, binaries.binDirectory(EventLog.silent()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PostgresMajor major() {
    return major;
  }

  /** initdb, pg_dump, psql, ... of this server's version. */
  public Path binDirectory() {
    return binDirectory;
  }

  public int port() {
    return postgres.port();
  }

  public String user() {
    return postgres.user();
  }

  public String password() {
    return postgres.password();
  }

  public String jdbcUrl(String database) {
    return postgres.jdbcUrl(database);
  }

  /** A {@code postgresql://user:password@host:port/database} URL, as DATABASE_URL holds it. */
  public String databaseUrl(String database) {
    return "postgresql://" + user() + ":" + password() + "@127.0.0.1:" + port() + "/" + database;
  }

  public PostgresConnector connector(String database) {
    return new PostgresConnector(DatabaseUrl.parse(jdbcUrl(database)).withCredentials(user(), password()));
  }

  /**
   * A new empty database, dropped by {@link TestDatabase#close}. FILE_COPY: on a server without fsync, copying
   * template1's files is faster than writing them through the WAL (the default from PostgreSQL 15).
   */
  public synchronized TestDatabase createDatabase() {
    while (ready.size() <= READY_DATABASES) {
      ready.add(housekeeper.submit(this::createNamedDatabase));
    }
    try {
      return new TestDatabase(this, ready.poll().get());
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create a test database on " + this, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String createNamedDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    String strategy = major.number() >= 15 ? " STRATEGY = FILE_COPY" : "";
    executeAdmin("CREATE DATABASE " + name + strategy);
    return name;
  }

  /**
   * Returns once the databases this server creates and drops in the background are done: for a test that fills
   * something every session shares (the lock table), so that no CREATE DATABASE of the fixture's meets it full.
   */
  public void awaitHousekeeping() {
    try {
      housekeeper.submit(() -> { }).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Dropped in the background: nothing may use it any more, and FORCE ends connections a test left open. */
  void dropDatabase(String name) {
    housekeeper.execute(() -> executeAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  private void executeAdmin(String sql) {
    try (Connection c = connector("postgres").connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    housekeeper.shutdownNow();
    housekeeper.awaitTermination(30, TimeUnit.SECONDS);
    postgres.close();
  }

  @Override
  public String toString() {
    return major + " on 127.0.0.1:" + port();
  }
}
