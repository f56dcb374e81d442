package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantagent.migrations.db.DatabaseUrl;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

  @Test
  void thePasswordOfTheIssueIsPercentEncoded() {
    ServerAddress address = new ServerAddress("db.example.com", 5432, "quant", "p@ss:w/rd?#%", "quantagent_dev");
    assertEquals("postgresql://quant:p%40ss%3Aw%2Frd%3F%23%25@db.example.com:5432/quantagent_dev",
        address.databaseUrl());
    assertEquals("postgresql://quant@db.example.com:5432/quantagent_dev", address.display());
    assertFalse(address.toString().contains("p%40ss"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"p@ss:w/rd?#%", "with space", "plus+sign", "ünï©ødé €", "quote\"'`$(x)", "%41", "a&b=c;d"})
  void whatIsSavedParsesBackToWhatWasTyped(String password) {
    ServerAddress address = new ServerAddress("localhost", 6543, "us er@corp", password, "my db");
    DatabaseUrl parsed = DatabaseUrl.parse(address.databaseUrl());
    assertEquals(Optional.of(password), parsed.password());
    assertEquals(Optional.of("us er@corp"), parsed.user());
    assertEquals("jdbc:postgresql://localhost:6543/my%20db", parsed.jdbcUrl()); // the driver decodes the name
  }

  /** RFC 3986's unreserved characters (letters, digits, - . _ ~) stay as typed, so the saved URL reads as typed. */
  @Test
  void unreservedCharactersAreNotEncoded() {
    ServerAddress address = new ServerAddress("db-1.example.com", 5432, "app-user_1.x~", "s3cret", "quant-agent");
    assertEquals("postgresql://app-user_1.x~:s3cret@db-1.example.com:5432/quant-agent", address.databaseUrl());
  }

  /** What a log line or a message built with + shows: the display, never the password. */
  @Test
  void asTextItIsTheDisplay() {
    ServerAddress address = new ServerAddress("db.example.com", 5432, "quant", "s3cret", "quantagent_dev");
    assertEquals("connecting to postgresql://quant@db.example.com:5432/quantagent_dev", "connecting to " + address);
  }

  @Test
  void noPasswordMeansNoColonAndAnIpv6HostGetsBrackets() {
    ServerAddress address = new ServerAddress("::1", 5432, "postgres", "", "quantagent_dev");
    assertEquals("postgresql://postgres@[::1]:5432/quantagent_dev", address.databaseUrl());
    assertEquals(Optional.empty(), DatabaseUrl.parse(address.databaseUrl()).password());
  }
}
