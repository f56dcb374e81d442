package io.quantagent.migrations.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one PostgreSQL fixture of the test suites: {@code @ExtendWith(PostgresFixture.class)}, then take a
 * {@link TestDatabase} parameter (a fresh database on PostgreSQL 17, or on the version {@link OnPostgres} names), a
 * {@link FreshDatabases} parameter (for several, or for a version chosen at run time), or a {@link StandbyServer}
 * (a read replica's stand-in, read-only: it is shared and never written), or a {@link SynchronousPrimary} (a primary
 * whose standby is down; a fresh database of it per test). One server per major version
 * serves the whole test JVM; it starts on first use and stops when the JVM's tests end. Every database is dropped when
 * the test (or, for {@code @BeforeAll} parameters, the class) that asked for it ends.
 */
public final class PostgresFixture implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(PostgresFixture.class);

  /** The version a {@link TestDatabase} parameter is created on. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface OnPostgres {
    PostgresMajor value();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == FreshDatabases.class || type == StandbyServer.class
        || type == SynchronousPrimary.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == StandbyServer.class) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StandbyServer.class,
          type -> StandbyServer.start(), StandbyServer.class);
    }
    if (parameter.getParameter().getType() == SynchronousPrimary.class) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SynchronousPrimary.class,
          type -> SynchronousPrimary.start(), SynchronousPrimary.class);
    }
    FreshDatabases databases = databases(context);
    if (parameter.getParameter().getType() == FreshDatabases.class) {
      return databases;
    }
    return databases.create(parameter.findAnnotation(OnPostgres.class).map(OnPostgres::value).orElse(PostgresMajor.V17));
  }

  /** Databases created through the result are dropped when {@code context} ends. */
  static FreshDatabases databases(ExtensionContext context) {
    Store servers = context.getRoot().getStore(NAMESPACE);
    Store owner = context.getStore(NAMESPACE);
    return new FreshDatabases(
        major -> servers.getOrComputeIfAbsent(major, m -> TestServer.start(major), TestServer.class),
        database -> owner.put(database, database));
  }
}
