package io.quantagent.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

  /** As a goal typed on the command line judges them. */
  private static MistypedProperties.Verdict judge(String goal, String... given) {
    return MistypedProperties.of(plugin.getMojo(goal), true).judge(List.of(given));
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

  /** A near miss is at most two edits away, a swap of two neighbouring letters counting as one. */
  @Test
  void aNameThreeEditsFromEveryPropertyIsNoNearMiss() {
    assertTrue(refusal("upgrade", "quantagent.statementLockTimot").contains(
        "did you mean -Dquantagent.statementLockTimeout?"), "two letters left out");
    for (String name : List.of("quantagent.dirftxx", "quantagent.ab")) {
      assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), judge("check", name), name);
    }
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

  /** A POM may read its own -Dquantagent.version: a name near no property of the plugin is no mistake of ours. */
  @Test
  void aPropertyOfThePluginsNamespaceNearNoneOfItsOwnPasses() {
    assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), judge("upgrade", "quantagent.version"));
  }

  /**
   * An execution bound in a POM (upgrade at pre-integration-test) sees every property of the build, meant for other
   * plugins and the project: it judges only the plugin's own namespace, where a near miss is still refused.
   */
  @Test
  void anExecutionBoundInAPomLeavesNamesOutsideTheNamespaceAlone() {
    MistypedProperties bound = MistypedProperties.of(plugin.getMojo("upgrade"), false);
    assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), bound.judge(List.of("TARGET", "taget")));
    assertTrue(bound.judge(List.of("quantagent.targe")).refusal().orElseThrow().contains("did you mean -Dtarget?"));
    assertTrue(refusal("upgrade", "TARGET").contains("did you mean -Dtarget?"), "typed, it is judged");
  }

  /** setup reads its answers; to any other goal a near miss of one is another goal's property, warned about. */
  @Test
  void aNearMissOfSetupsAnswersIsOnlyWarnedAboutByTheOtherGoals() {
    MistypedProperties.Verdict verdict = judge("upgrade", "quantagent.setup.hots");
    assertFalse(verdict.refusal().isPresent(), verdict.toString());
    assertEquals(List.of("-Dquantagent.setup.hots is read by no goal of this plugin (did you mean"
        + " -Dquantagent.setup.host?); mvn quantagent:help -Ddetail lists every property."), verdict.warnings());
    assertFalse(judge("start", "quantagent.forse").refusal().isPresent());
    assertTrue(refusal("setup", "quantagent.setup.hots").contains("did you mean -Dquantagent.setup.host?"));
  }

  @Test
  void otherPluginsAndTheProjectsPropertiesAndThePublishedOnesPass() {
    for (String goal : List.of("upgrade", "create", "check", "start")) {
      MistypedProperties.Verdict verdict = judge(goal, "revision", "skipTests", "maven.compiler.target",
          "target-platform", "changelist", "quantagent.started.jdbcUrl", "aether.dependencyCollector.impl",
          "maven.repo.local", "env", "name", "mode", "test", "it.test");
      assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), verdict, goal);
    }
  }

  @Test
  void everyPropertyAGoalReadsPasses() {
    MistypedProperties.Verdict verdict = judge("upgrade", "target", "quantagent.url", "quantagent.password",
        "quantagent.statementTimeout", "quantagent.drift", "quantagent.setup.host", "quantagent.skip", "skipITs");
    assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), verdict);
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
    String anyCase = refusal("current", "quantagent.Password:s3cret");
    assertTrue(anyCase.startsWith("-Dquantagent.Password followed by 7 characters where '=' should come"), anyCase);
    assertFalse(anyCase.contains("s3cret"), anyCase);
  }

  /** A name no property is near is not printed at all; where a message does show one, it stops before a value. */
  @Test
  void aSecretTypedIntoAnUnknownNameIsNeverShown() {
    for (String name : List.of("quantagent.password.s3cret", "quantagent.passwrd:s3cret", "quantagent.Secret-s3cret")) {
      assertEquals(new MistypedProperties.Verdict(Optional.empty(), List.of()), judge("current", name), name);
    }
    assertEquals("-Dquantagent.passwrd followed by 7 characters (not shown: they may be a password)",
        MistypedProperties.shown("quantagent.passwrd:s3cret"));
    assertEquals("-Dquantagent.Password followed by 7 characters (not shown: they may be a password)",
        MistypedProperties.shown("quantagent.Password.s3cret"));
    assertEquals("-Dquantagent.drfit", MistypedProperties.shown("quantagent.drfit"));
  }
}
