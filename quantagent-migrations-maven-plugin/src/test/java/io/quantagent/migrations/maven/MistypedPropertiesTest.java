package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line's -D properties judged against the descriptor this build generated, as users' Maven reads it. */
class MistypedPropertiesTest {
  private static PluginDescriptor plugin;

  @BeforeAll
  static void readTheGeneratedDescriptor() throws Exception {
    try (Reader xml = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
      plugin = new PluginDescriptorBuilder().build(xml);
    }
  }

  private static MistypedProperties.Verdict judge(String goal, String... given) {
    return MistypedProperties.of(plugin.getMojo(goal)).judge(List.of(given));
  }

  private static String refusal(String goal, String... given) {
    MistypedProperties.Verdict verdict = judge(goal, given);
    assertTrue(verdict.refusal().isPresent(), goal + " " + List.of(given) + " was not refused: " + verdict);
    return verdict.refusal().get();
  }

  @Test
  void theTargetInThePluginsNamespaceIsRefusedNamingTheShortForm() {
    for (String goal : List.of("upgrade", "downgrade", "stamp")) {
      String message = refusal(goal, "quantagent.target");
      assertTrue(message.startsWith("-Dquantagent.target is no property of this plugin: did you mean -Dtarget?"
          + " Nothing was run: quantagent:" + goal + " would have run as if it were not given."), message);
      assertTrue(message.contains("mvn quantagent:help -Ddetail -Dgoal=" + goal), message);
    }
    assertTrue(refusal("create", "quantagent.desc").contains("did you mean -Ddesc?"));
  }

  @Test
  void aNearMissOfAPropertyThisGoalReadsIsRefused() {
    assertTrue(refusal("upgrade", "quantagent.targe").contains("-Dquantagent.targe is no property of this plugin:"
        + " did you mean -Dtarget?"));
    assertTrue(refusal("upgrade", "taget").contains("-Dtaget is no property of this plugin: did you mean -Dtarget?"));
    assertTrue(refusal("downgrade", "tagret").contains("did you mean -Dtarget?"));
    assertTrue(refusal("upgrade", "Target").contains("did you mean -Dtarget?"));
    assertTrue(refusal("check", "quantagent.drfit").contains("did you mean -Dquantagent.drift?"));
    assertTrue(refusal("upgrade", "quantagent.statementLockTimout").contains(
        "did you mean -Dquantagent.statementLockTimeout?"));
    assertTrue(refusal("current", "quantagent.URL").contains("did you mean -Dquantagent.url?"));
  }

  @Test
  void otherToolsWordsForTheDescriptionAreRefusedByCreate() {
    for (String word : List.of("description", "message", "m", "dsec", "des")) {
      assertTrue(refusal("create", word).contains("-D" + word + " is no property of this plugin: did you mean"
          + " -Ddesc?"), word);
    }
  }

  @Test
  void aNearMissMeantForAnotherGoalIsOnlyWarnedAbout() {
    MistypedProperties.Verdict verdict = judge("upgrade", "quantagent.drfit");
    assertFalse(verdict.refusal().isPresent(), verdict.toString());
    assertEquals(List.of("-Dquantagent.drfit is read by no goal of this plugin (did you mean -Dquantagent.drift?);"
        + " mvn quantagent:help -Ddetail lists every property."), verdict.warnings());
  }

  @Test
  void aPropertyOfThePluginsNamespaceThatNothingReadsIsWarnedAbout() {
    MistypedProperties.Verdict verdict = judge("upgrade", "quantagent.version");
    assertFalse(verdict.refusal().isPresent(), verdict.toString());
    assertEquals(List.of("-Dquantagent.version is read by no goal of this plugin; mvn quantagent:help -Ddetail lists"
        + " every property."), verdict.warnings());
  }

  @Test
  void otherPluginsAndTheProjectsPropertiesAndThePublishedOnesPass() {
    for (String goal : List.of("upgrade", "create", "check", "start")) {
      MistypedProperties.Verdict verdict = judge(goal, "revision", "skipTests", "maven.compiler.target",
          "target-platform", "changelist", "quantagent.started.jdbcUrl", "aether.dependencyCollector.impl",
          "maven.repo.local", "env", "name", "mode", "test", "it.test");
      assertEquals(new MistypedProperties.Verdict(java.util.Optional.empty(), List.of()), verdict, goal);
    }
  }

  @Test
  void everyPropertyAGoalReadsPasses() {
    MistypedProperties.Verdict verdict = judge("upgrade", "target", "quantagent.url", "quantagent.password",
        "quantagent.statementTimeout", "quantagent.drift", "quantagent.setup.host", "quantagent.skip", "skipITs");
    assertEquals(new MistypedProperties.Verdict(java.util.Optional.empty(), List.of()), verdict);
    assertFalse(judge("create", "desc", "quantagent.autogenerate").refusal().isPresent());
    assertFalse(judge("setup", "quantagent.setup.user", "quantagent.setup.createDatabase", "quantagent.force")
        .refusal().isPresent());
  }

  @Test
  void aShortFormGivenAsWellLeavesItsNearMissesAlone() {
    assertFalse(judge("upgrade", "target", "taget").refusal().isPresent());
    assertFalse(judge("create", "desc", "message").refusal().isPresent());
  }

  @Test
  void aValueTypedAfterAnotherCharacterThanTheEqualsSignIsNeverShown() {
    String message = refusal("upgrade", "quantagent.password:hunter2");
    assertTrue(message.startsWith("-Dquantagent.password followed by 8 characters where '=' should come (not shown:"
        + " they may be a password)."), message);
    assertFalse(message.contains("hunter2"), message);
    MistypedProperties.Verdict verdict = judge("help", "quantagent.password-hunter2");
    assertEquals(List.of("-Dquantagent.password followed by 8 characters where '=' should come (not shown: they may"
        + " be a password) is no property of this plugin; mvn quantagent:help -Ddetail lists every property."),
        verdict.warnings());
  }
}
