package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.api.Test;
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
      // an unencoded '@', '/', '?' or '#' in the password: all of it hidden, not just the part before it
      "postgresql://qa:s3cr3t@Q%A@host/db | postgresql://qa:****@host/db",
      "postgresql://qa:s3/cr3t@host/db | postgresql://qa:****@host/db",
      "postgresql://qa:s3?cr3t@host/db | postgresql://qa:****@host/db",
      "postgresql://qa:s3#cr3t@host/db | postgresql://qa:****@host/db",
      "'postgresql://qa:s3cr3t@Q%A@...' | 'postgresql://qa:****@...'",
      "jdbc:postgresql://u:s3cret@h/db | jdbc:postgresql://u:****@h/db",
      "postgresql://me@azure:s3cret@h/db | postgresql://me@azure:****@h/db",
      // any parameter whose name says it is a secret
      "jdbc:postgresql://h/db?sslpassword=s3cret&sslmode=verify-full | jdbc:postgresql://h/db?sslpassword=****&sslmode=verify-full",
      "jdbc:postgresql://h/db?sslmode=require&SSLPASSWORD=s3cret | jdbc:postgresql://h/db?sslmode=require&SSLPASSWORD=****",
      "PGPASSWORD=s3cret | PGPASSWORD=****",
      "client_secret=s3cret&x=1 | client_secret=****&x=1",
      "{password=s3cret, user=u} | {password=****, user=u}",
      "-Dquantagent.password=s3cret | -Dquantagent.password=****",
      // such a parameter with spaces around its '=', quoted, or set in SQL: the value, not only the space after '='
      "password = s3cret | password = ****",
      // a text that opens with the sign of its secret: an '@', an '=', a quote
      "@ops postgresql://u:s3cret@h/db | @ops postgresql://u:****@h/db",
      "=> password=s3cret | => password=****",
      "[DEBUG]   (f) dbPassword = s3cret | [DEBUG]   (f) dbPassword = ****",
      "SET app.jwt_secret = 's3 cr''et'; | SET app.jwt_secret = '****';",
      "SET app.jwt_secret TO 's3cret'; | SET app.jwt_secret TO '****';",
      "password=\"s3 cret\" | password=\"****\"",
      "(password = s3cret) | (password = ****)",
      // an empty value (a .env line or a URL parameter left blank) is masked as well, not a failure of the masking
      "PGPASSWORD= | PGPASSWORD=****",
      "jdbc:postgresql://h/db?password=&ssl=true | jdbc:postgresql://h/db?password=****&ssl=true",
      // what must stay as it is
      "Check the user and password (-Dquantagent.user, -Dquantagent.password) | Check the user and password (-Dquantagent.user, -Dquantagent.password)",
      "where tags::jsonb @> '[1]' | where tags::jsonb @> '[1]'",
      "expects another password: it was initialized | expects another password: it was initialized",
      "jar:file:/home/u/.m2/x.jar!/quantagent/migrations/1_a.sql | jar:file:/home/u/.m2/x.jar!/quantagent/migrations/1_a.sql",
      "postgresql://<user>:<password>@<host>:5432/<database> | postgresql://<user>:<password>@<host>:5432/<database>",
  })
  void hidesSecretsInAnyText(String text, String masked) {
    assertEquals(masked, UrlMasker.mask(text));
  }

  @Test
  void hidesAScriptsPasswordLiteralWhereverItsStatementIsShown() {
    assertEquals("statement 1 of 2 (line 2): CREATE ROLE app LOGIN PASSWORD '****' VALID UNTIL 'x';",
        UrlMasker.mask("statement 1 of 2 (line 2): CREATE ROLE app LOGIN PASSWORD 'Hunter-2' VALID UNTIL 'x';"));
    assertEquals("ALTER ROLE app WITH ENCRYPTED password '****';",
        UrlMasker.mask("ALTER ROLE app WITH ENCRYPTED password 'it''s s3cret';"));
    assertEquals("CREATE USER MAPPING FOR app SERVER prices OPTIONS (user 'feed', password '****');",
        UrlMasker.mask("CREATE USER MAPPING FOR app SERVER prices OPTIONS (user 'feed', password 'Feed-s3cret');"));
    assertEquals("SQL 1/1: CREATE ROLE app LOGIN PASSWORD '****'",
        UrlMasker.mask("SQL 1/1: CREATE ROLE app LOGIN PASSWORD 'a-first-line-cut-short-by-the-runner..."));
    assertEquals("(line 2): CREATE ROLE app LOGIN PASSWORD '****'\n  PostgreSQL: role \"app\" already exists",
        UrlMasker.mask("(line 2): CREATE ROLE app LOGIN PASSWORD 'cut-short...\n"
            + "  PostgreSQL: role \"app\" already exists"));
    assertEquals("COMMENT ON COLUMN users.password IS 'a bcrypt hash';",
        UrlMasker.mask("COMMENT ON COLUMN users.password IS 'a bcrypt hash';"));
    assertEquals("UPDATE users SET reset_at = 'never';", UrlMasker.mask("UPDATE users SET reset_at = 'never';"));
    assertEquals("'app' has PASSWORD '****'", UrlMasker.mask("'app' has PASSWORD 's3cret'"));
  }

  @Test
  void hidesPasswordLiteralsInEveryFormOfStringPostgresqlTakes() {
    assertEquals("CREATE ROLE app LOGIN PASSWORD '****' VALID UNTIL 'x';",
        UrlMasker.mask("CREATE ROLE app LOGIN PASSWORD E'it\\'s s3cret' VALID UNTIL 'x';"));
    assertEquals("ALTER ROLE app PASSWORD '****';", UrlMasker.mask("ALTER ROLE app PASSWORD U&'s3cr\\0065t';"));
    assertEquals("ALTER ROLE app PASSWORD '****';", UrlMasker.mask("ALTER ROLE app PASSWORD $$it's s3cret$$;"));
    assertEquals("ALTER ROLE app PASSWORD '****' VALID UNTIL 'x';",
        UrlMasker.mask("ALTER ROLE app PASSWORD $pw$s3cret$$$pw$ VALID UNTIL 'x';"));
    assertEquals("SQL 1/1: CREATE ROLE app PASSWORD '****'",
        UrlMasker.mask("SQL 1/1: CREATE ROLE app PASSWORD $$a-first-line-cut-short..."));
    assertEquals("SET app.jwt_secret = '****';", UrlMasker.mask("SET app.jwt_secret = E'it\\'s s3cret';"));
    assertEquals("SET app.jwt_secret TO '****';", UrlMasker.mask("SET app.jwt_secret TO $$s3cret$$;"));
  }

  @Test
  void aMessageThatIsNoTextStaysNoText() {
    // A driver's exception may carry no message; masking it must not turn the failure into a NullPointerException.
    assertNull(UrlMasker.mask((String) null));
  }

  @Test
  void jdbcPropertiesShowEverythingButSecrets() {
    Properties properties = new Properties();
    properties.setProperty("user", "quant");
    properties.setProperty("password", "s3cret");
    properties.setProperty("sslpassword", "k3y");
    properties.setProperty("oauth_client_secret", "t0ken");
    properties.setProperty("ldap_passwd", "l4dap");
    properties.setProperty("ApplicationName", "quantagent-migrations");
    String shown = UrlMasker.mask(properties);
    assertEquals("{ApplicationName=quantagent-migrations, ldap_passwd=****, oauth_client_secret=****, password=****,"
        + " sslpassword=****, user=quant}", shown);
    assertFalse(shown.contains("s3cret") || shown.contains("k3y") || shown.contains("t0ken") || shown.contains("l4dap"),
        shown);
  }
}
