package io.quantagent.migrations.testing;

import java.util.function.Consumer;
import java.util.function.Function;

/** Hands out fresh databases for one test; see {@link PostgresFixture}. */
public final class FreshDatabases {
  private final Function<PostgresMajor, TestServer> servers;
  private final Consumer<TestDatabase> dropWhenTestEnds;

  FreshDatabases(Function<PostgresMajor, TestServer> servers, Consumer<TestDatabase> dropWhenTestEnds) {
    this.servers = servers;
    this.dropWhenTestEnds = dropWhenTestEnds;
  }

  /** A new empty database on PostgreSQL 17. */
  public TestDatabase create() {
    return create(PostgresMajor.V17);
  }

  /** A new empty database on {@code major}; fails under CI=true, else skips, when that version is not installed. */
  public TestDatabase create(PostgresMajor major) {
    TestDatabase database = server(major).createDatabase();
    dropWhenTestEnds.accept(database);
    return database;
  }

  /** The JVM's server of {@code major}, for what needs the server itself (its binaries, a second database). */
  public TestServer server(PostgresMajor major) {
    major.requireInstalled();
    return servers.apply(major);
  }
}
