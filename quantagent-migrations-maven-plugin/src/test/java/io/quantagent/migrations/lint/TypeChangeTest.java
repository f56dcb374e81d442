package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's rules for which type changes rewrite the table; the proven-lock tests check two of them on a server. */
class TypeChangeTest {

  private static TypeName type(String text) {
    return TypeName.read(new TokenCursor(SqlTokenizer.code(text, 1)));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "varchar(10)                  | varchar(20)              | CATALOG_ONLY",
      "character varying(10)        | text                     | CATALOG_ONLY",
      "varchar(10)                  | character varying        | CATALOG_ONLY",
      "text                         | varchar                  | CATALOG_ONLY",
      "varchar(20)                  | varchar(10)              | REWRITE",
      "text                         | varchar(100)             | REWRITE",
      "numeric(20,8)                | numeric(30,8)            | CATALOG_ONLY",
      "numeric(20,8)                | numeric                  | CATALOG_ONLY",
      "numeric(20,8)                | numeric(30,10)           | REWRITE",
      "numeric(10)                  | numeric(12)              | CATALOG_ONLY",
      "numeric(20)                  | numeric(20,0)            | CATALOG_ONLY",
      "numeric                      | numeric(20,8)            | REWRITE",
      "decimal(10,2)                | numeric(9,2)             | REWRITE",
      "int                          | bigint                   | REWRITE",
      "integer                      | int4                     | NONE",
      "timestamp(3)                 | timestamp(6)             | CATALOG_ONLY",
      "timestamp without time zone  | timestamp with time zone | REWRITE_UNLESS_UTC",
      "timestamptz                  | timestamp                | REWRITE_UNLESS_UTC",
      "timestamptz                  | timestamp(3)             | REWRITE",
      "char(5)                      | char(10)                 | REWRITE",
      "double precision             | float8                   | NONE",
      "float(10)                    | real                     | NONE",
      "cidr                         | inet                     | CATALOG_ONLY",
      "text[]                       | text                     | REWRITE"})
  void decidesLikePostgresql(String from, String to, TypeChange expected) {
    assertEquals(expected, TypeChange.between(type(from), type(to), false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "double precision             | float8      | []",
      "character varying(32)        | varchar     | [32]",
      "timestamp(3) with time zone  | timestamptz | [3]",
      "numeric(20, 8)               | numeric     | [20, 8]",
      "pg_catalog.int8              | int8        | []",
      "public.money_amount          | money_amount | []",
      "interval day to second       | interval    | []",
      "interval day to second(3)    | interval    | [3]",
      "time(3) with time zone       | timetz      | [3]",
      "float(24)                    | float4      | []",
      "float(25)                    | float8      | []",
      "char                         | bpchar      | [1]",
      "bpchar                       | bpchar      | []",
      "integer array                | int4        | []"})
  void readsTypesAsPostgresqlNamesThem(String text, String base, String modifiers) {
    TypeName type = type(text);
    assertEquals(base, type.base());
    assertEquals(modifiers, type.modifiers().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "timestamp(3)                   | timestamp(3)",
      "timestamp without time zone    | timestamp without time zone",
      "interval day to second(3)      | interval day to second(3)",
      "numeric(20, 8)                 | numeric(20,8)",
      "int[3][]                       | int[][]"})
  void namesTheTypeForMessagesAsTheScriptWroteIt(String text, String written) {
    assertEquals(written, type(text).toString());
  }

  @ParameterizedTest(name = "USING always rewrites")
  @CsvSource("varchar(10), varchar(20)")
  void usingRewrites(String from, String to) {
    assertEquals(TypeChange.REWRITE, TypeChange.between(type(from), type(to), true));
  }
}
