package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlMaskerTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgresql://quant:s3cret@localhost/db | postgresql://quant:****@localhost/db",
      "postgresql://quant:p%40ss@localhost/db | postgresql://quant:****@localhost/db",
      "jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true | jdbc:postgresql://h/db?user=u&password=****&ssl=true",
      "URL is postgres://u:s3cret@h:1/db, failed | URL is postgres://u:****@h:1/db, failed",
      "postgresql://quant@localhost/db | postgresql://quant@localhost/db",
      "no url here | no url here",
      "quant:s3cret@localhost/db | quant:****@localhost/db",
      "jdbc:postgresql://h/db | jdbc:postgresql://h/db",
  })
  void hidesPasswordsInAnyText(String text, String masked) {
    assertEquals(masked, UrlMasker.mask(text));
  }
}
