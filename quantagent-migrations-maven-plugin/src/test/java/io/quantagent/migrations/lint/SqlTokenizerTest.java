package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokenizerTest {

  private static List<String> tokens(String sql) {
    return SqlTokenizer.tokenize(sql, 1).stream().map(t -> t.kind() + ":" + t.value()).toList();
  }

  @Test
  void foldsWordsKeepsQuotedIdentifiersAndUnescapesThem() {
    assertEquals(List.of("WORD:create", "WORD:index", "WORD:on", "QUOTED_IDENTIFIER:Trades \"x\"", "PUNCTUATION:(",
        "WORD:price", "PUNCTUATION:)", "PUNCTUATION:;"), tokens("CREATE Index ON \"Trades \"\"x\"\"\" (Price);"));
  }

  @Test
  void stringsOfEveryKindAreOneTokenWhateverTheyHoldInside() {
    assertEquals(List.of("STRING:it's -- no comment; CREATE INDEX", "STRING:a'b\\", "STRING:x ",
        "STRING:body; ALTER TABLE t ADD c int; $$ not the end", "STRING:0101"),
        tokens("'it''s -- no comment; CREATE INDEX' E'a\\'b\\\\' $$x $$ || $fn$body; ALTER TABLE t ADD c int;"
            + " $$ not the end$fn$ B'0101'").stream().filter(t -> t.startsWith("STRING")).toList());
  }

  @Test
  void commentsNestAndKeepTheirTextAndLine() {
    List<SqlToken> all = SqlTokenizer.tokenize("/* a /* nested */ still */ x -- quantagent:no-transaction\ny", 7);
    assertEquals(List.of("COMMENT: a /* nested */ still ", "WORD:x", "COMMENT: quantagent:no-transaction", "WORD:y"),
        all.stream().map(t -> t.kind() + ":" + t.value()).toList());
    assertEquals(List.of(7, 7, 7, 8), all.stream().map(SqlToken::line).toList());
  }

  @Test
  void numbersParametersCastsAndOperators() {
    assertEquals(List.of("NUMBER:1.5e-3", "OPERATOR:+", "NUMBER:.5", "PUNCTUATION:::", "WORD:numeric",
        "OPERATOR:<>", "PARAMETER:$1", "WORD:a$b"), tokens("1.5e-3+.5::numeric <> $1 a$b"));
  }

  @Test
  void linesCountInsideStringsAndDollarBodies() {
    List<SqlToken> all = SqlTokenizer.tokenize("'a\nb'\n$$\n\n$$ \"x\ny\" z", 1);
    assertEquals(List.of(1, 3, 5, 6), all.stream().map(SqlToken::line).toList());
    List<SqlToken> commented = SqlTokenizer.tokenize("/* a\nb */ $$ c\nd $$ x", 1);
    assertEquals(List.of(1, 2, 3), commented.stream().map(SqlToken::line).toList(),
        "only the newlines of a comment or body count, not its other characters");
  }

  @Test
  void everyStringPrefixInEitherCaseStartsAString() {
    assertEquals(List.of("STRING:a'b", "STRING:a'b", "STRING:01", "STRING:01", "STRING:1f", "STRING:1F", "STRING:n",
        "STRING:N", "STRING:u", "STRING:U", "QUOTED_IDENTIFIER:u", "QUOTED_IDENTIFIER:U"),
        tokens("e'a\\'b' E'a\\'b' b'01' B'01' x'1f' X'1F' n'n' N'N' u&'u' U&'U' u&\"u\" U&\"U\""));
  }

  @Test
  void textThatEndsInsideATokenStillTokenizes() {
    assertEquals(List.of("STRING:ends in \\"), tokens("E'ends in \\"));
    assertEquals(List.of("WORD:a", "QUOTED_IDENTIFIER:b"), tokens("a \"b\""));
    assertEquals(List.of("QUOTED_IDENTIFIER:never closed"), tokens("\"never closed"));
    assertEquals(List.of("WORD:a", "COMMENT:/"), tokens("a /*/"));
    assertEquals(List.of("WORD:a", "PARAMETER:$1"), tokens("a $1"));
    assertEquals(List.of("WORD:a", "OPERATOR:$"), tokens("a $"));
    assertEquals(List.of("WORD:a", "OPERATOR:$", "WORD:tag"), tokens("a $tag"));
    assertEquals(List.of("WORD:a", "OPERATOR:||"), tokens("a ||"));
    assertEquals(List.of("NUMBER:42"), tokens("42"));
    assertEquals(List.of("NUMBER:1."), tokens("1."));
    assertEquals(List.of("NUMBER:1", "WORD:e"), tokens("1e"));
    assertEquals(List.of("NUMBER:1", "WORD:e", "OPERATOR:+"), tokens("1e+"));
  }

  @Test
  void numbersTakeTheirExponentAndFractionButNotARangesDots() {
    assertEquals(List.of("NUMBER:1e+3", "NUMBER:2E-3", "NUMBER:1_000.5", "NUMBER:0x1F"),
        tokens("1e+3 2E-3 1_000.5 0x1F"));
    assertEquals("NUMBER:1", tokens("1..10").get(0));
  }

  @Test
  void namesMayHoldAnyCharacterFromU0080OnAsPostgresqlReadsThem() {
    assertEquals(List.of("WORD:\u0080x", "WORD:café"), tokens("\u0080x café"));
  }
}
