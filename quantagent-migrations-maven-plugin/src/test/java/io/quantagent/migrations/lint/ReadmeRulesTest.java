package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's rule table lists every rule with its severity, in the enum's order, and nothing else. */
class ReadmeRulesTest {

  @Test
  void theReadmeTableIsTheRuleEnum() throws Exception {
    List<String> documented = Files.readAllLines(Path.of("..", "README.md")).stream()
        .filter(line -> line.matches("\\| `[a-z-]+` \\| (error|warning|review) \\|.*"))
        .map(line -> line.split("\\|")[1].strip().replace("`", "") + " " + line.split("\\|")[2].strip()).toList();
    List<String> rules = Arrays.stream(Rule.values()).map(r -> r.id() + " " + r.severity().label()).toList();
    assertEquals(rules, documented);
  }
}
