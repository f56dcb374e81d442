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
  }
}
