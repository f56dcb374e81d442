package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresScriptSplitterTest {

  private static List<String> sql(String script) {
    return PostgresScriptSplitter.split(script).stream().map(SqlStatement::sql).toList();
  }

  @Test
  void ownLineCommentsAreTheOnesOutsideSqlWithALineOfTheirOwn() {
    String script = "-- // header\r\n  --indented \nselect 1; -- trailing\nselect '\n-- in a string\n';\n"
        + "create function f() returns int language sql as $$\n-- in a body\nselect 1 $$;\n"
        + "/*\n-- in a block comment\n*/\n\t-- last";
    assertEquals(List.of(new PostgresScriptSplitter.LineComment(1, "// header"),
        new PostgresScriptSplitter.LineComment(2, "indented"), new PostgresScriptSplitter.LineComment(13, "last")),
        PostgresScriptSplitter.ownLineComments(script));
  }

  @Test
  void aCommentAfterCodeOnTheFirstLineIsNotOnALineOfItsOwn() {
    assertEquals(List.of(new PostgresScriptSplitter.LineComment(2, "quantagent:no-transaction")),
        PostgresScriptSplitter.ownLineComments(";-- quantagent:lock-timeout=1s\n-- quantagent:no-transaction"));
  }

  @Test
  void splitsAtSemicolonsAndKeepsThem() {
    assertEquals(List.of("create table a (id int);", "create table b (id int);"),
        sql("create table a (id int);\ncreate table b (id int);\n"));
  }

  @Test
  void twoStatementsOnOneLine() {
    assertEquals(List.of("select 1;", "select 2;"), sql("select 1; select 2;"));
  }

  @Test
  void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
    String script = "insert into t values ('a;b', 'it''s; fine');\n"
        + "create table \"odd;name\" (\"c;\" int);\n"
        + "-- a comment; with a semicolon\n"
        + "select 1 /* block; /* nested; */ still comment; */ + 1;\n"
        + "select E'back\\'slash;';\n";
    List<String> statements = sql(script);
    assertEquals(4, statements.size(), statements.toString());
    assertEquals("select E'back\\'slash;';", statements.get(3));
  }

  @Test
  void aLowerCaseEStringEscapesAndAWordEndingInEBeforeAQuoteDoesNot() {
    assertEquals(List.of("insert into notes values (e'it\\'s; fine');",
        "select * from files where path like'C:\\';", "select 2;"),
        sql("insert into notes values (e'it\\'s; fine');\nselect * from files where path like'C:\\';\nselect 2;"));
  }

  @Test
  void anEStringMayDoubleAQuoteAndEscapeAnotherInOne() {
    assertEquals(List.of("select E'O''Reilly\\'s; shop';", "select 2;"), sql("select E'O''Reilly\\'s; shop';\nselect 2;"));
  }

  @Test
  void dollarQuotedBodiesStayWhole() {
    String function = "create function touch() returns trigger language plpgsql as $fn$\n"
        + "begin\n  new.updated_at := now();\n  return new;\nend;\n$fn$;";
    String trigger = "create trigger orders_touch before update on orders for each row execute function touch();";
    String anonymous = "do $$ begin perform 1; end $$;";
    assertEquals(List.of(function, trigger, anonymous), sql(function + "\n" + trigger + "\n" + anonymous + "\n"));
  }

  @Test
  void dollarInIdentifiersAndParametersIsNotAQuote() {
    assertEquals(List.of("select a$b, $1 from t;", "select 2;"), sql("select a$b, $1 from t;\nselect 2;"));
    assertEquals(List.of("select _price$usd$net from t;", "select 2;"), sql("select _price$usd$net from t;\nselect 2;"));
  }

  @Test
  void beginAtomicBodyStaysWhole() {
    String function = "create or replace function add(a int, b int) returns int language sql\n"
        + "begin atomic\n  select case when a is null then 0 else a end + b;\nend;";
    assertEquals(List.of(function, "select 1;"), sql(function + "\nselect 1;"));
  }

  @Test
  void beginAtomicBodyStaysWholeAfterTheHeaderOrAComment() {
    String function = "create function add(a int, b int) returns int language sql\n"
        + "begin atomic\n  select a + b;\n  select a;\nend;";
    assertEquals(List.of(function), sql("-- // add\n" + function),
        "a section's header is text of its first statement");
    assertEquals(List.of("select 1;", function),
        sql("select 1; -- keep in step with add_v2\n/* sql-standard body */\n" + function));
  }

  @Test
  void beginOutsideRoutinesIsAPlainStatement() {
    assertEquals(List.of("begin;", "select 1;", "end;"), sql("begin;\nselect 1;\nend;"));
    assertEquals(List.of("update t set x = case when y then 1 else 2 end;", "select 2;"),
        sql("update t set x = case when y then 1 else 2 end;\nselect 2;"));
  }

  @Test
  void aRoutinesWordsThatOnlyStartWithBeginOrEndOpenNoBody() {
    String function = "create function days(begin_date date, end_date date) returns int language sql\n"
        + "return end_date - begin_date;";
    assertEquals(List.of(function, "create index i on a (id);"), sql(function + "\ncreate index i on a (id);"));
    String underscored = "create function started(_begin timestamptz) returns boolean language sql\n"
        + "return now() >= _begin;";
    assertEquals(List.of(underscored, "select 2;"), sql(underscored + "\nselect 2;"), "PL/pgSQL's _name convention");
  }

  @Test
  void numbersAndLinesSkipLeadingCommentsAndBlankLines() {
    List<SqlStatement> statements = PostgresScriptSplitter.split(
        "-- // header\n\ncreate table a (\n  id int\n);\n\n-- next\ncreate index i on a (id);\n");
    assertEquals(2, statements.size());
    assertEquals(new SqlStatement(1, 3, "create table a (\n  id int\n);"), statements.get(0));
    assertEquals(2, statements.get(1).number());
    assertEquals(8, statements.get(1).line());
    assertEquals("create index i on a (id);", statements.get(1).firstLine());
  }

  @Test
  void linesAreCountedAcrossAMultiLineCommentAndAStringThatEndsALine() {
    List<SqlStatement> statements = PostgresScriptSplitter.split(
        "/* a\n b\n */\nselect 'x'\n  , 'y';\nselect 2;");
    assertEquals(List.of(4, 6), statements.stream().map(SqlStatement::line).toList());
  }

  @Test
  void whatNeverEndsIsNamedWithTheLineItStartsOn() {
    // PostgreSQL nests block comments: the /* in 'logs/*' opens a second one, and the */ closes only that one.
    assertUnterminated("alter table a add c int;\n/* removes logs/* rows */\ndelete from audit;",
        Unterminated.Kind.BLOCK_COMMENT, 2, "/*");
    assertUnterminated("select 1;\n/* outer /* inner */\nselect 2;", Unterminated.Kind.BLOCK_COMMENT, 2, "/*");
    assertUnterminated("select 1;\nupdate t set note = 'it''s\nselect 2;", Unterminated.Kind.STRING, 2, "'");
    assertUnterminated("select 1;\nselect E'back\\\\' ;\nselect E'open\\';", Unterminated.Kind.STRING, 3, "'");
    assertUnterminated("select 1;\ncreate table \"odd (id int);\nselect 2;", Unterminated.Kind.QUOTED_IDENTIFIER, 2,
        "\"");
    assertUnterminated("select 1;\ndo $body$ begin\n  perform 1;\nend $$;\nselect 2;", Unterminated.Kind.DOLLAR_QUOTE,
        2, "$body$");
    assertUnterminated("'a string that opens the text", Unterminated.Kind.STRING, 1, "'");
    assertUnterminated("$$ a body that opens the text", Unterminated.Kind.DOLLAR_QUOTE, 1, "$$");
  }

  private static void assertUnterminated(String script, Unterminated.Kind kind, int line, String opening) {
    assertEquals(Optional.of(new Unterminated(line, kind, opening)), PostgresScriptSplitter.unterminated(script),
        script);
  }

  @Test
  void whatEndsAtTheVeryEndOfTheTextIsTerminated() {
    for (String script : List.of("select 1 /* a /* b */ c */", "select 'it''s'", "select \"x\"\"y\"",
        "select $$ a $$", "select E'\\''", "-- only a comment", "")) {
      assertEquals(Optional.empty(), PostgresScriptSplitter.unterminated(script), script);
    }
  }

  @Test
  void theMessageForAnUnendedCommentSaysThatCommentsNest() {
    String message = PostgresScriptSplitter.unterminated("/* logs/* rows */").orElseThrow().describe();
    assertTrue(message.startsWith("a /* comment starts here and never ends"), message);
    assertTrue(message.contains("PostgreSQL nests block comments"), message);
  }

  @Test
  void lastStatementWithoutSemicolonAndEmptyScripts() {
    assertEquals(List.of("select 1"), sql("select 1\n"));
    assertEquals(List.of("select 1;", "drop table a"), sql("select 1;\ndrop table a"));
    assertEquals(List.of(), sql("-- only a comment\n\n"));
    assertEquals(List.of(), sql(";;\n"));
  }
}
