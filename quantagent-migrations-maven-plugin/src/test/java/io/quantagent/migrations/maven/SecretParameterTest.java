package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.codehaus.plexus.configuration.DefaultPlexusConfiguration;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A POM element reaches the goal as Maven read the POM: a ${...} written there, ${env.X} included, is already expanded,
 * and mvn -X prints the result. Only the goal's own default (-Dquantagent.password) still shows the expression.
 */
class SecretParameterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "password | S3cret-pom | S3cret-pom | true",
      "url | postgresql://app:S3cret-pom@db/x | postgresql://app:S3cret-pom@db/x | true",
      "scratchUrl | jdbc:postgresql://db/x?password=S3cret-pom | jdbc:postgresql://db/x?password=S3cret-pom | true",
      "password | ${quantagent.password} | S3cret-cli | false",
      "url | ${env.DATABASE_URL} | postgresql://app:S3cret-env@db/x | false",
      "url | jdbc:postgresql://db/x | jdbc:postgresql://db/x | false",
      "scratchUrl | ${quantagent.scratchUrl} |  | false",
  })
  void warnsWhenThePomHoldsTheSecretMavenPrints(String name, String raw, String value, boolean warned) {
    PlexusConfiguration parameter = new DefaultPlexusConfiguration(name, raw);

    Optional<String> warning = SecretParameter.printedByMaven(parameter, value, "as -Dquantagent." + name);

    assertEquals(warned, warning.isPresent(), warning.toString());
    warning.ifPresent(text -> {
      assertTrue(text.startsWith("The POM's <" + name + "> holds a secret, and Maven prints it: mvn -X and mvn"
          + " help:effective-pom show the plugin's configuration with every ${...} in it expanded, ${env.*} included."
          + " Remove <" + name + "> from the POM and give it as -Dquantagent." + name + "."), text);
      assertFalse(text.contains("S3cret"), text);
    });
  }
}
