package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantagent.migrations.events.EventLog;
import io.quantagent.migrations.testing.PostgresFixture;
import io.quantagent.migrations.testing.TestDatabase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Checksums, validation, check, repair, script validation and the no-transaction marker, on a real PostgreSQL. */
@ExtendWith(PostgresFixture.class)
class IntegrityTest {
  private TestDatabase db;
  private Scripts scripts;
  private Path dir;

  @BeforeEach
  void freshDatabase(TestDatabase db, @TempDir Path dir) throws Exception {
    this.dir = dir;
    this.db = db;
    scripts = new Scripts(dir)
        .add("001_create_a.sql", "create table a (id int primary key);", "drop table a;")
        .add("002_create_b.sql", "create table b (id int primary key);", "drop table b;");
  }

  private Migrator migrator() {
    return new Migrator(db.connections(), scripts.source(), "changelog", EventLog.silent());
  }

  private Integrity integrityOf(String id) {
    return migrator().history().stream().filter(h -> h.migration().idText().equals(id)).findFirst().orElseThrow()
        .integrity();
  }

  @Test
  void checksumsAreRecordedAndLineEndingsOrTrailingSpaceAreNoEdit() throws Exception {
    migrator().upgrade(new Target.Head());
    assertEquals(2, db.column("select checksum from changelog where checksum ~ '^[0-9a-f]{64}$'").size());
    Path a = dir.resolve("001_create_a.sql");
    Files.writeString(a, Files.readString(a).replace("\n", "  \r\n") + "\r\n\r\n");
    assertEquals(Integrity.OK, integrityOf("1"));
    assertTrue(migrator().check().passed());
  }

  @Test
  void anEditedScriptStopsUpgradeUntilRepaired() throws Exception {
    migrator().upgrade(new Target.Relative(1));
    scripts.add("001_create_a.sql", "create table a (id bigint primary key);", "drop table a;");
    assertEquals(Integrity.EDITED, integrityOf("1"));
    ValidationFailedException e = assertThrows(ValidationFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("001_create_a.sql was edited after it was applied"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn quantagent:repair"), e.getMessage());
    assertEquals(List.of("1"), db.changelogIds(), "validation fails before anything runs");

    CheckResult check = migrator().check();
    assertEquals(1, check.pending().size());
    assertEquals(1, check.problems().size());

    assertEquals(List.of("1"), migrator().repair().stream().map(MigrationInfo::idText).toList());
    assertEquals(Integrity.OK, integrityOf("1"));
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2"), db.changelogIds());
  }

  @Test
  void aScriptAMergeBroughtInBelowTheCurrentMigrationFailsCheckAndUpgradeNamesIt(@TempDir Path merged)
      throws Exception {
    Scripts branches = new Scripts(merged)
        .add("010_create_a.sql", "create table a (id int primary key);", "drop table a;")
        .add("030_create_c.sql", "create table c (id int primary key);", "drop table c;");
    new Migrator(db.connections(), branches.source(), "changelog", EventLog.silent()).upgrade(new Target.Head());
    branches.add("020_create_b.sql", "create table b (id int primary key);", "drop table b;");
    List<String> lines = new java.util.ArrayList<>();
    Migrator migrator = new Migrator(db.connections(), branches.source(), "changelog", Events.collecting(lines));

    CheckResult check = migrator.check();
    assertFalse(check.passed());
    assertEquals(List.of(), check.pending());
    assertEquals(List.of("020_create_b.sql is older than the current migration 30 (create c) but was never applied"
        + " (as when a merge brings it in after a newer migration ran), and upgrade applies none below the current"
        + " one. Rename it to an id after 30 (the UTC time now, yyyyMMddHHmmss, as mvn quantagent:create names"
        + " scripts), then run mvn quantagent:upgrade."), check.passedOver());
    assertEquals(1, check.notRun());

    migrator.upgrade(new Target.Head());
    assertEquals("WARN " + check.passedOver().get(0), lines.get(0));
    assertEquals(List.of("10", "30"), db.changelogIds());
  }

  @Test
  void aDeletedAppliedScriptStopsUpgrade() throws Exception {
    migrator().upgrade(new Target.Head());
    scripts.add("003_create_c.sql", "create table c (id int);", "drop table c;");
    Files.delete(dir.resolve("002_create_b.sql"));
    ValidationFailedException e = assertThrows(ValidationFailedException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("2 (create b) is applied"), e.getMessage());
    assertTrue(e.getMessage().contains("Restore the script"), e.getMessage());
    assertEquals(Integrity.NO_SCRIPT, integrityOf("2"));
  }

  @Test
  void aChangelogFromStockMybatisGetsItsChecksumColumnAndRepair() throws Exception {
    db.execute("create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null,"
        + " description varchar(255) not null)");
    db.execute("create table a (id int primary key)");
    db.execute("insert into changelog values (1, '2025-01-01 00:00:00', 'create a')");
    assertEquals(Integrity.UNRECORDED, integrityOf("1"));
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("1", "2"), db.changelogIds());
    assertEquals(List.of("1"), migrator().repair().stream().map(MigrationInfo::idText).toList());
    assertEquals(Integrity.OK, integrityOf("1"));
  }

  /**
   * Every script MyBatis' migrate new writes opens with the licence comment of its template, then the header: a project
   * that MyBatis' own CLI started migrates here without an edit. A comment alone is no header.
   */
  @Test
  void aHeaderAfterLeadingCommentsAsMybatisMigrateNewWritesItIsAHeader() throws Exception {
    String template;
    try (var in = IntegrityTest.class.getClassLoader()
        .getResourceAsStream("org/apache/ibatis/migration/template_migration.sql")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("003_from_migrate_new.sql"), template
        .replace("-- Migration SQL that makes the change goes here.", "create table c (id int);")
        .replace("-- SQL to undo the change goes here.", "drop table c;"));
    migrator().upgrade(new Target.Head());
    assertTrue(db.tables().contains("c"), db.tables().toString());

    Files.writeString(dir.resolve("004_comment_only.sql"), "-- a note\ncreate table d (id int);\n-- //@UNDO\n"
        + "drop table d;\n");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("004_comment_only.sql does not start with a '-- // description' header line"
        + " (it starts with 'create table d (id int);')"), e.getMessage());
  }

  @Test
  void everyBadScriptIsNamedAtOnceAndNothingRuns() throws Exception {
    Files.writeString(dir.resolve("003_no_header.sql"), "create table c (id int);\n-- //@UNDO\ndrop table c;\n");
    Files.writeString(dir.resolve("004_no_undo.sql"), "-- // no undo\ncreate table d (id int);\n");
    Files.writeString(dir.resolve("005_empty.sql"), "  \n");
    Files.writeString(dir.resolve("2_duplicate.sql"), "-- // duplicate\nselect 1;\n-- //@UNDO\n");
    Files.writeString(dir.resolve("create-e.sql"), "-- // bad name\n-- //@UNDO\n");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    String message = e.getMessage();
    assertTrue(message.contains("003_no_header.sql does not start with a '-- // description' header"), message);
    assertTrue(message.contains("004_no_undo.sql has no '-- //@UNDO' line"), message);
    assertTrue(message.contains("005_empty.sql is empty"), message);
    assertTrue(message.contains("have the same id 2"), message);
    assertTrue(message.contains("create-e.sql is not a migration script name"), message);
    assertEquals(List.of(), db.tables());
  }

  @Test
  void aMigrationFiledWhereNoRunReadsItStopsTheRunUntilItIsMoved() throws Exception {
    Path year = Files.createDirectories(dir.resolve("2026"));
    String c = "-- // create c\ncreate table c (id int);\n-- //@UNDO\ndrop table c;\n";
    Files.writeString(year.resolve("003_create_c.sql"), c);
    Files.writeString(dir.resolve("004_create_d.SQL"), c.replace(" c", " d"));
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains(year + " holds 1 .sql file (003_create_c.sql), and no script in a folder inside "
        + dir + " is read"), e.getMessage());
    assertTrue(e.getMessage().contains("004_create_d.SQL ends in .SQL, and only a name ending in .sql, in lower case,"
        + " is a migration"), e.getMessage());
    assertEquals(List.of(), db.tables());

    Files.move(year.resolve("003_create_c.sql"), dir.resolve("003_create_c.sql"));
    Files.move(dir.resolve("004_create_d.SQL"), dir.resolve("004_create_d.sql"));
    assertEquals(4, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("a", "b", "c", "changelog", "d"), db.tables());
  }

  @Test
  void anIdLongerThanTheChangelogHoldsIsRefusedBeforeAnythingRuns() throws Exception {
    // Marked no-transaction, the script's table was committed before its changelog row failed: half a migration.
    String tooLong = "123456789012345678901";
    Files.writeString(dir.resolve(tooLong + "_create_c.sql"), "-- // create c\n-- quantagent:no-transaction\n"
        + "create table c (id int);\n-- //@UNDO\ndrop table c;\n");
    Exception e = assertThrows(Exception.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e instanceof InvalidScriptException, e.toString());
    assertTrue(e.getMessage().contains(tooLong + "_create_c.sql has an id of 21 digits, and the changelog's id column"
        + " holds at most 20"), e.getMessage());
    assertEquals(List.of(), db.tables());

    Files.move(dir.resolve(tooLong + "_create_c.sql"), dir.resolve("12345678901234567890_create_c.sql"));
    assertEquals(3, migrator().upgrade(new Target.Head()).runs().size());
    assertEquals(List.of("1", "2", "12345678901234567890"), db.changelogIds());
  }

  @Test
  void aScriptWithAByteOrderMarkRunsAndAMarkAddedLaterIsNoEdit() throws Exception {
    byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(dir.resolve("003_create_c.sql"), concat(mark,
        "-- // create c\r\ncreate table c (id int primary key);\r\n-- //@UNDO\r\ndrop table c;\r\n"
            .getBytes(StandardCharsets.UTF_8)));
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("a", "b", "c", "changelog"), db.tables());
    Path a = dir.resolve("001_create_a.sql");
    Files.write(a, concat(mark, Files.readAllBytes(a)));
    assertEquals(Integrity.OK, integrityOf("1"));
    assertTrue(migrator().check().passed());
  }

  @Test
  void scriptsThatAreNotUtf8AreNamedAtOnceAndNothingRuns() throws Exception {
    String menu = "-- // menu\ncreate table menu (name text default 'caf\u00e9');\n-- //@UNDO\n";
    Files.write(dir.resolve("003_menu.sql"), menu.getBytes(StandardCharsets.ISO_8859_1));
    String prices = "-- // prices\ncreate table prices (currency text default '\u20ac');\n-- //@UNDO\n";
    Files.write(dir.resolve("004_prices.sql"), prices.getBytes(Charset.forName("windows-1252")));
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("003_menu.sql is not UTF-8 text: line 2 has the byte E9"), e.getMessage());
    assertTrue(e.getMessage().contains("004_prices.sql is not UTF-8 text: line 2 has the byte 80"), e.getMessage());
    assertEquals(List.of(), db.tables());
  }

  @Test
  void noTransactionScriptsRunConcurrentIndexBuilds() throws Exception {
    scripts.add("003_index_a.sql", "-- quantagent:no-transaction\ncreate index concurrently a_id on a (id);",
        "-- quantagent:no-transaction\ndrop index concurrently a_id;");
    migrator().upgrade(new Target.Head());
    assertEquals(List.of("a_id"), db.column("select indexname from pg_indexes where indexname = 'a_id'"));
    migrator().downgrade(new Target.Relative(1));
    assertEquals(List.of(), db.column("select indexname from pg_indexes where indexname = 'a_id'"));
  }

  @Test
  void withoutTheMarkerAConcurrentIndexBuildFailsBeforeAnythingRuns() throws Exception {
    scripts.add("003_create_c.sql", "create table c (id int);", "drop table c;");
    scripts.add("004_index_a.sql", "create table d (id int);\n\ncreate index concurrently a_id on a (id);",
        "drop index a_id;");
    InvalidScriptException e = assertThrows(InvalidScriptException.class, () -> migrator().upgrade(new Target.Head()));
    assertTrue(e.getMessage().contains("004_index_a.sql line 4: create index concurrently a_id on a (id);"
        + " cannot run inside a transaction"), e.getMessage());
    assertTrue(e.getMessage().contains("'-- quantagent:no-transaction'"), e.getMessage());
    assertEquals(List.of(), db.tables(), "not even the migrations before it, nor the changelog table");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
