package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @ParameterizedTest
  @CsvSource({
      "postgresql://quant:s3cret@db.example.com:5433/quantagent, jdbc:postgresql://db.example.com:5433/quantagent",
      "postgres://quant:s3cret@localhost/quantagent, jdbc:postgresql://localhost/quantagent",
      "postgresql+psycopg2://quant:s3cret@localhost:5432/quantagent, jdbc:postgresql://localhost:5432/quantagent",
      "jdbc:postgresql://localhost:5432/quantagent?user=quant&password=s3cret, jdbc:postgresql://localhost:5432/quantagent",
  })
  void acceptsTheFormsQuantAgentUsersHave(String raw, String jdbc) {
    DatabaseUrl url = DatabaseUrl.parse(raw);
    assertEquals(jdbc, url.jdbcUrl());
    assertEquals(Optional.of("quant"), url.user());
    assertEquals(Optional.of("s3cret"), url.password());
  }

  @Test
  void decodesPercentEncodedCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://qu%40nt:p%40ss%3Aw%2Fo+rd@localhost/db");
    assertEquals(Optional.of("qu@nt"), url.user());
    assertEquals(Optional.of("p@ss:w/o+rd"), url.password());
    DatabaseUrl query = DatabaseUrl.parse("jdbc:postgresql://localhost/db?user=qu%40nt&password=p%40ss%26w");
    assertEquals(Optional.of("qu@nt"), query.user());
    assertEquals(Optional.of("p@ss&w"), query.password(), "the driver gets the password itself, not its encoding");
  }

  @Test
  void anEmptyUserLeavesTheUserToTheOtherSettings() {
    DatabaseUrl noUser = DatabaseUrl.parse("postgresql://:s3cret@localhost/db");
    assertEquals(Optional.empty(), noUser.user());
    assertEquals(Optional.of("s3cret"), noUser.password());
    DatabaseUrl nothing = DatabaseUrl.parse("postgresql://@localhost/db");
    assertEquals("jdbc:postgresql://localhost/db", nothing.jdbcUrl());
    assertEquals(Optional.empty(), nothing.user());
  }

  @Test
  void keepsQueryParametersButNotCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h:5432/db?sslmode=require&password=other&connectTimeout=5");
    assertEquals("jdbc:postgresql://h:5432/db?sslmode=require&connectTimeout=5", url.jdbcUrl());
    assertEquals(Optional.of("pw"), url.password(), "the user:password part wins over a password= parameter");
    assertEquals("jdbc:postgresql://h/db?options=-c%20search_path%3Dapp%2Cpublic",
        DatabaseUrl.parse("postgresql://u@h/db?options=-c%20search_path%3Dapp%2Cpublic").jdbcUrl(),
        "the driver decodes the other parameters itself");
  }

  @Test
  void acceptsSeveralHostsAndIpv6() {
    assertEquals("jdbc:postgresql://a:5432,b:5433/db", DatabaseUrl.parse("postgresql://a:5432,b:5433/db").jdbcUrl());
    assertEquals("jdbc:postgresql://[::1]:5432/db", DatabaseUrl.parse("postgresql://[::1]:5432/db").jdbcUrl());
    assertEquals("jdbc:postgresql://h:65535/db", DatabaseUrl.parse("postgresql://h:65535/db").jdbcUrl());
  }

  @Test
  void credentialsOverrideWhatTheUrlCarries() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h/db").withCredentials("admin", "other");
    assertEquals(Optional.of("admin"), url.user());
    assertEquals(Optional.of("other"), url.password());
    DatabaseUrl kept = DatabaseUrl.parse("postgresql://u:pw@h/db").withCredentials(null, null);
    assertEquals(Optional.of("u"), kept.user());
    assertEquals(Optional.of("pw"), kept.password());
    DatabaseUrl emptyUser = DatabaseUrl.parse("postgresql://u:pw@h/db").withCredentials("", null);
    assertEquals(Optional.of("u"), emptyUser.user(), "an empty -Dquantagent.user= keeps the URL's user");
  }

  @Test
  void displayNeverShowsThePassword() {
    String shown = DatabaseUrl.parse("postgresql://quant:s3cret@localhost/db").display();
    assertFalse(shown.contains("s3cret"), shown);
    assertTrue(shown.contains("quant"), shown);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mysql://quant:s3cret@localhost/db",
      "sqlite:///./quantagent.db",
      "jdbc:mysql://localhost/db?password=s3cret",
      "jdbc:postgres://quant:s3cret@localhost/db",
      "postgresql://quant:s3cret@/db",
      "postgresql://quant:s3cret@localhost",
      "postgresql://quant:s3cret@localhost:99999/db",
      "postgresql://quant:s3cret@local host/db",
      "quant:s3cret@localhost/db",
      "postgresql://quant:s3cr%zzet@localhost/db",
      "postgresql://quant:s3cret@localhost/db?password",
      "postgresql://quant:s3cret@localhost/db?=s3cret",
      // no scheme, and a '://' only later: what stands before it is no scheme to name, but the credentials
      "quant:s3cret@localhost/db?sslfactoryarg=file://etc/root.crt",
      "postgresql://quant:s3cret",
      "postgresql://quant:s3cret?sslmode=require",
      " ",
  })
  void rejectsWhatItCannotUseWithoutShowingThePassword(String raw) {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> DatabaseUrl.parse(raw));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
    assertTrue(e.getMessage().contains("Expected"), e.getMessage());
  }

  @Test
  void anUnencodedAtInThePasswordIsNamedByPositionWithTheEncodingToUse() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://qa:s3cr3t@Q%A@host/db", "the DATABASE_URL environment variable"));
    assertEquals("The database URL from the DATABASE_URL environment variable cannot be used: it has 2 '@' before"
        + " the host (characters 23 and 27); only one may separate user:password from the host. A password with @,"
        + " :, /, ? or # must be percent-encoded: @ is %40, : is %3A, / is %2F, ? is %3F, # is %23. Expected"
        + " postgresql://<user>:<password>@<host>:5432/<database>, postgres://..., postgresql+psycopg2://... or"
        + " jdbc:postgresql://<host>:5432/<database>.", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgresql://qa:s3/cr3t@host/db | it has an '@' (character 24) after the '/' that ends the host part (character 19)",
      "postgresql://qa:s3#cr3t@host/db | it has a '#' (character 19), which no database URL has",
      "postgresql://qa:s3?cr3t@host/db | the host part (characters 14 to 18) is not a host[:port]",
      "postgresql://qa:s3?x=cr3t@host/db | the host part (characters 14 to 18) is not a host[:port]",
      "postgresql://qa:s3?@host/db | the host part (characters 14 to 18) is not a host[:port]",
  })
  void aPasswordThatBreaksTheUrlIsNeverEchoed(String raw, String why) {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> DatabaseUrl.parse(raw));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(e.getMessage().contains("@ is %40"), e.getMessage());
    for (String piece : new String[] {"s3", "cr3t", "qa:"}) {
      assertFalse(e.getMessage().contains(piece), piece + " in " + e.getMessage());
    }
  }

  /** What is left when an unquoted &amp;, ; or space in a shell, or " #" in .env, cut the URL before its '@'. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgresql://quant:s3cret | s3cret | 14 to 25",
      "postgresql://quant:s3cret?sslmode=require | s3cret | 14 to 25",
      "postgresql://quant:123456 | 123456 | 14 to 25",
      "postgresql://quant:99999 | 99999 | 14 to 24",
      "postgresql://db,quant:s3cret/x | s3cret | 17 to 28",
      "postgresql://:s3cret/db | s3cret | 14 to 20",
  })
  void aUrlCutShortBeforeItsAtIsNamedByPositionWithWhatCutIt(String raw, String secret, String characters) {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse(raw, ".env"));
    assertTrue(e.getMessage().startsWith("The database URL from .env cannot be used: the host part (characters "
        + characters + ") is not a host[:port]: what follows its ':' is no port (0 to 65535), so it may be"
        + " user:password cut short before its '@' (a shell ends an unquoted value at &, ; or a space, and .env ends"
        + " it at ' #': quote the URL, and percent-encode these characters in a password: & is %26, ; is %3B, # is"
        + " %23, a space is %20)."), e.getMessage());
    for (String piece : new String[] {secret, "quant", "s3cr"}) {
      assertFalse(e.getMessage().contains(piece), piece + " in " + e.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "postgresql://quant:s3cret@/db | it names no host (at character 27)",
      "postgresql://h/db?sslmode=require&password | the query parameter at character 35 is not name=value",
      "postgresql://quant:s3cret@localhost:99999/db | the port of 'localhost:99999' is above 65535",
      "jdbc:mysql://h/db | the scheme 'jdbc:mysql' is not PostgreSQL",
  })
  void saysWhatIsWrongAndWhere(String raw, String why) {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> DatabaseUrl.parse(raw));
    assertTrue(e.getMessage().startsWith("The database URL cannot be used: " + why), e.getMessage());
  }

  @Test
  void noUrlAtAllIsAnEmptyOne() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> DatabaseUrl.parse(null));
    assertTrue(e.getMessage().startsWith("The database URL cannot be used: it is empty."), e.getMessage());
  }

  @Test
  void namesAHostAsTypedWhenItsPortIsANumberOrItHasNone() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://local host:5432/db"));
    assertTrue(e.getMessage().contains("cannot be used: 'local host:5432' is not a host[:port]."), e.getMessage());
    InvalidDatabaseUrlException noPort = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://local host/db"));
    assertTrue(noPort.getMessage().contains("cannot be used: 'local host' is not a host[:port]."), noPort.getMessage());
    InvalidDatabaseUrlException highestPort = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://local!host:65535/db"));
    assertTrue(highestPort.getMessage().contains("cannot be used: 'local!host:65535' is not a host[:port]."),
        highestPort.getMessage());
    InvalidDatabaseUrlException ipv6 = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://[fe80::]x/db"));
    assertTrue(ipv6.getMessage().contains("cannot be used: '[fe80::]x' is not a host[:port]."), ipv6.getMessage());
  }

  @Test
  void namesTheHostWhenNothingBeforeItCanBeAPassword() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://quant:s3cret@local host/db"));
    assertTrue(e.getMessage().contains("cannot be used: 'local host' is not a host[:port]."), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    InvalidDatabaseUrlException noUserinfo = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://@local host/db"));
    assertTrue(noUserinfo.getMessage().contains("cannot be used: 'local host' is not a host[:port]."),
        noUserinfo.getMessage());
    InvalidDatabaseUrlException portTooHigh = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("postgresql://@localhost:99999/db"));
    assertTrue(portTooHigh.getMessage().contains("cannot be used: the port of 'localhost:99999' is above 65535."),
        portTooHigh.getMessage());
  }

  @Test
  void displayMasksSecretParametersTheDriverStillNeeds() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h/db?sslmode=verify-full&sslpassword=k3ystore");
    assertEquals("jdbc:postgresql://h/db?sslmode=verify-full&sslpassword=k3ystore", url.jdbcUrl());
    assertEquals("jdbc:postgresql://h/db?sslmode=verify-full&sslpassword=**** as u (password ****)", url.display());
  }

  @Test
  void namesTheUnsupportedScheme() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("mysql://u:p@h/db"));
    assertTrue(e.getMessage().contains("'mysql'") && e.getMessage().contains("PostgreSQL only"), e.getMessage());
  }

  @Test
  void alembicsSqliteUrlIsAnsweredWithTheEmbeddedDatabase() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("sqlite:///./quantagent.db", "DATABASE_URL in the .env file"));
    assertEquals("The database URL from DATABASE_URL in the .env file cannot be used: the scheme 'sqlite' is not"
        + " PostgreSQL; QuantAgent Migrations supports PostgreSQL only. For development, remove that DATABASE_URL (the"
        + " variable, and its line in .env): with no URL anywhere, every goal uses the embedded development database,"
        + " a PostgreSQL the plugin starts itself. For a server, mvn quantagent:setup asks for its parts and writes its"
        + " URL to .env. Expected postgresql://<user>:<password>@<host>:5432/<database>, postgres://...,"
        + " postgresql+psycopg2://... or jdbc:postgresql://<host>:5432/<database>.", e.getMessage());
    assertFalse(assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("mysql+pymysql://u:p@ss@h/db")).getMessage().contains("percent-encoded"));
    String fromTheCommandLine = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("mysql://app:pw@db/app", "-Dquantagent.url")).getMessage();
    assertTrue(fromTheCommandLine.contains(" For development, remove -Dquantagent.url: with no URL anywhere, every goal"
        + " uses the embedded development database"), fromTheCommandLine);
    assertFalse(fromTheCommandLine.contains("DATABASE_URL"), "removing it would change nothing: " + fromTheCommandLine);
  }

  @Test
  void aLibpqKeywordValueStringIsNamedWithTheUrlToWriteInstead() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class, () -> DatabaseUrl.parse(
        "host=db.example.com port=5433 dbname=quantagent user=quant password='qu@nt pw/1' sslmode=require",
        "the DATABASE_URL environment variable"));
    assertEquals("The database URL from the DATABASE_URL environment variable cannot be used: it is a libpq"
        + " keyword/value string (keys dbname, host, password, port, sslmode, user), which psql reads and this plugin"
        + " does not. Write it as a URL: postgresql://quant:<password>@db.example.com:5433/quantagent, the password"
        + " percent-encoded (@ is %40, : is %3A, / is %2F, ? is %3F, # is %23, % is %25), or leave it out and give"
        + " -Dquantagent.password; mvn quantagent:setup asks for each part and writes the URL into .env.",
        e.getMessage());
  }

  @Test
  void aKeywordValueStringsUnquotedPasswordIsNeverShownInPart() {
    InvalidDatabaseUrlException e = assertThrows(InvalidDatabaseUrlException.class,
        () -> DatabaseUrl.parse("dbname=q password=s3cr3t tail=x@y user=a@b"));
    assertTrue(e.getMessage().contains("(keys dbname, password, user)")
        && e.getMessage().contains("postgresql://<user>:<password>@<host>:5432/q,"), e.getMessage());
    for (String piece : List.of("s3cr3t", "tail", "x@y", "a@b")) {
      assertFalse(e.getMessage().contains(piece), e.getMessage());
    }
  }
}
