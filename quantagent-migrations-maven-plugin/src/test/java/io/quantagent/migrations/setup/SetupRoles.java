package io.quantagent.migrations.setup;

import io.quantagent.migrations.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Login roles (cluster-wide, so named uniquely) and databases a setup test makes on the fixture's server; dropped after. */
public final class SetupRoles implements AutoCloseable {
  public static final String PASSWORD = "p@ss:w/rd?#%";

  private final TestDatabase admin;
  private final List<String> roles = new ArrayList<>();
  private final List<String> databases = new ArrayList<>();

  public SetupRoles(TestDatabase admin) {
    this.admin = admin;
  }

  /** A role that logs in with {@link #PASSWORD}; {@code options} such as {@code CREATEDB}. */
  public String role(String options) throws SQLException {
    String name = "setup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin.execute("CREATE ROLE " + name + " LOGIN " + options + " PASSWORD '" + PASSWORD.replace("'", "''") + "'");
    roles.add(name);
    return name;
  }

  /** A database name nobody has yet; dropped after the test if something created it. */
  public String newDatabaseName() {
    String name = "setup_new_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    databases.add(name);
    return name;
  }

  public boolean exists(String database) throws SQLException {
    return admin.value("select count(*) from pg_database where datname = '" + database + "'").equals("1");
  }

  @Override
  public void close() throws SQLException {
    for (String database : databases) {
      admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    for (String role : roles) {
      admin.execute("DROP ROLE IF EXISTS " + role);
    }
  }
}
