package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What PostgreSQL reads back as the same name: a lower-case plain one as it is, any other quoted. */
class SqlIdentifierTest {
  @Test
  void onlyANameThatReadsBackUnchangedGoesUnquoted() {
    assertEquals("app_user", SqlIdentifier.of("app_user"));
    assertEquals("\"AppUser\"", SqlIdentifier.of("AppUser"));
    assertEquals("\"app-user\"", SqlIdentifier.of("app-user"));
    assertEquals("\"1app\"", SqlIdentifier.of("1app"));
    assertEquals("\"say \"\"hi\"\"\"", SqlIdentifier.of("say \"hi\""));
  }
}
