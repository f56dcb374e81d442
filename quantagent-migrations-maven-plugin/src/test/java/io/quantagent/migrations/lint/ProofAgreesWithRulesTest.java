package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.lint.RuleExample.Claim;
import io.quantagent.migrations.testing.FreshDatabases;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.PostgresMajor;
import io.quantagent.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The static rules against ground truth: each rule's bad example and its safe way, proven on a real server of each
 * version (tables with rows made first), must lock, rewrite and scan what the rule says they do.
 */
@ParameterizedClass
@EnumSource(PostgresMajor.class)
@ExtendWith(PostgresFixture.class)
class ProofAgreesWithRulesTest {
  @Parameter
  PostgresMajor version;

  @Test
  void badExamplesDoWhatTheRulesSay(FreshDatabases databases) throws Exception {
    check(databases, "bad", example -> List.of(example.bad()), RuleExample::badClaim);
  }

  @Test
  void safeWaysDoWhatTheRulesSay(FreshDatabases databases) throws Exception {
    check(databases, "safe", RuleExample::safe, RuleExample::safeClaim);
  }

  /**
   * Proves every example in a schema of its own (one database per version keeps the test fast): the setup, then the
   * example's scripts; the last script's last statement must match the claim.
   */
  private void check(FreshDatabases databases, String kind, Function<RuleExample, List<String>> changes,
      Function<RuleExample, Claim> claim) throws Exception {
    TestDatabase database = databases.create(version);
    List<Executable> checks = new ArrayList<>();
    Connection connection = database.connect();
    try {
      for (RuleExample example : RuleExample.all()) {
        if (connection.isClosed()) {
          connection = database.connect(); // client-encoding's bad example makes pgjdbc close it
        }
        String schema = kind + "_" + example.rule().id().replace('-', '_');
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("create schema " + schema + "; set search_path = " + schema);
          statement.execute(RuleExample.SETUP);
        }
        List<LintScript> scripts = RuleExample.scripts(changes.apply(example));
        List<ProvenStatement> proven = List.of();
        for (LintScript script : scripts.subList(1, scripts.size())) {
          proven = StatementProver.prove(connection, script);
        }
        List<ProvenStatement> last = proven;
        checks.add(() -> assertClaim(example.rule().id(), claim.apply(example), last));
      }
    } finally {
      connection.close();
    }
    assertAll(checks);
  }

  static void assertClaim(String rule, Claim claim, List<ProvenStatement> proven) {
    ProvenStatement last = proven.get(proven.size() - 1);
    String seen = rule + ": " + last.describe();
    if (claim.failure() != null) {
      assertNotNull(last.failure(), seen);
      assertTrue(last.failure().contains(claim.failure()), seen);
      return;
    }
    assertNull(last.failure(), seen);
    assertEquals(claim.outside(), last.outsideTransaction(), seen);
    if (claim.outside()) {
      return;
    }
    if (claim.table() == null) {
      assertEquals(List.of(), last.tables(), seen);
      return;
    }
    LockedTable table = last.table(claim.table());
    assertNotNull(table, seen);
    assertEquals(claim.mode(), table.mode(), seen);
    assertEquals(claim.rewritten(), table.rewrite(), seen);
    if (claim.scanned() != null) {
      assertEquals(claim.scanned(), table.scan(), seen);
    }
    assertFalse(last.outsideTransaction(), seen);
  }
}
