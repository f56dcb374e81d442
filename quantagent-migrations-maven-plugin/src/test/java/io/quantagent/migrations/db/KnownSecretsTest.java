package io.quantagent.migrations.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KnownSecretsTest {

  @Test
  void masksAKnownSecretWhereNoPatternWouldFindIt() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Tr4d!ng@2025");
    assertEquals("the server said: bad password **** for quant",
        secrets.mask("the server said: bad password Tr4d!ng@2025 for quant"));
    assertEquals("encoded: ****", secrets.mask("encoded: Tr4d%21ng%402025"));
  }

  @Test
  void masksWholeWordsOnlyAndLeavesShortSecretsToThePatterns() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("postgres");
    secrets.add("pw1");
    assertEquals("jdbc:postgresql://h/db as ****, Upgraded pw1x", secrets.mask("jdbc:postgresql://h/db as postgres, Upgraded pw1x"));
    assertEquals("postgresql://u:****@h/db", secrets.mask("postgresql://u:pw1@h/db"));
  }

  @Test
  void aSecretOfFourCharactersIsAlreadyLookedFor() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Qz7!");
    assertEquals("FATAL: password authentication failed (tried ****)",
        secrets.mask("FATAL: password authentication failed (tried Qz7!)"));
  }

  @Test
  void aMessageThatIsNoTextStaysNoText() {
    KnownSecrets secrets = new KnownSecrets();
    secrets.add("Tr4d!ng@2025");
    assertNull(secrets.mask(null));
  }
}
