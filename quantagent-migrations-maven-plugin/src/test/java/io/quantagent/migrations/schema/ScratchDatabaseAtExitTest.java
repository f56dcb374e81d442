package io.quantagent.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.embedded.ChildJvm;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A goal ended while it builds on a scratch database of -Dquantagent.scratchUrl leaves no database behind. */
@ExtendWith(PostgresFixture.class)
class ScratchDatabaseAtExitTest {

  @Test
  void aProcessEndedWhileItUsesAScratchDatabaseDropsIt(TestDatabase db) throws Exception {
    String name;
    try (ChildJvm user = ChildJvm.running(ScratchUser.class, db.databaseUrl())) {
      name = user.awaitLine(Pattern.compile("READY database=(\\S+)")).group(1);
      assertEquals("1", db.value("select count(*) from pg_database where datname = '" + name + "'"));
      user.terminate();
    }
    assertEquals("0", db.value("select count(*) from pg_database where datname = '" + name + "'"),
        "the scratch database " + name + " outlived the process that made it");
  }
}
