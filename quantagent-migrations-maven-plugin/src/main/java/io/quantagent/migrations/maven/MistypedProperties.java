package io.quantagent.migrations.maven;

import io.quantagent.migrations.setup.Question;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * The {@code -D} properties of the command line that no goal of the plugin reads. Maven drops such a property without
 * a word, and the parameter it was meant for keeps its default: {@code -Dquantagent.target=base} (every other property
 * is {@code quantagent.<name>}, the target is not), {@code -Dtaget=+1} or {@code -Dquantagent.targe=<id>} would
 * upgrade to head, and {@code -Ddescription="..."} would leave create's description empty. A property that looks
 * meant for one of this goal's parameters refuses the goal before it does anything; one of the plugin's namespace
 * that no goal reads is warned about. Property values are never quoted: a mistyped password property holds one.
 */
final class MistypedProperties {
  private static final String NAMESPACE = "quantagent.";
  /** Published by {@code start} for failsafe and the tests, and given on a command line by whoever reruns them. */
  private static final String PUBLISHED = "quantagent.started.";
  /** What users of other tools type for the two short forms. */
  private static final Map<String, Set<String>> OTHER_TOOLS_WORDS = Map.of(
      PropertyKeys.DESC, Set.of("description", "descr", "message", "msg", "m"),
      PropertyKeys.TARGET, Set.of());
  /** Read from the user properties by the goals' code, not through a parameter's expression. */
  private static final Set<String> READ_DIRECTLY = Stream.concat(Stream.of(PropertyKeys.URL),
      Stream.of(Question.values()).map(Question::property).filter(property -> !property.isEmpty()))
      .collect(Collectors.toUnmodifiableSet());

  private final Set<String> pluginProperties;
  private final Set<String> goalProperties;
  private final String goal;

  /**
   * @param pluginProperties every property a goal of the plugin reads
   * @param goalProperties those this goal reads
   * @param goal the goal as typed, {@code quantagent:upgrade}
   */
  MistypedProperties(Set<String> pluginProperties, Set<String> goalProperties, String goal) {
    this.pluginProperties = Set.copyOf(pluginProperties);
    this.goalProperties = Set.copyOf(goalProperties);
    this.goal = goal;
  }

  /** For a goal of this plugin: the properties its parameters and its code read, and those of every other goal. */
  static MistypedProperties of(MojoDescriptor goal) {
    Set<String> pluginProperties = new HashSet<>(READ_DIRECTLY);
    goal.getPluginDescriptor().getMojos().forEach(mojo -> pluginProperties.addAll(properties(mojo)));
    Set<String> goalProperties = new HashSet<>(READ_DIRECTLY);
    goalProperties.addAll(properties(goal));
    return new MistypedProperties(pluginProperties, goalProperties,
        goal.getPluginDescriptor().getGoalPrefix() + ":" + goal.getGoal());
  }

  private static Set<String> properties(MojoDescriptor mojo) {
    Set<String> properties = new HashSet<>();
    for (Parameter parameter : mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
      String expression = parameter.getExpression();
      if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
        properties.add(expression.substring(2, expression.length() - 1));
      }
    }
    return properties;
  }

  /** What is wrong with the command line's properties: a refusal when one was meant for this goal, else warnings. */
  record Verdict(Optional<String> refusal, List<String> warnings) {}

  Verdict judge(Collection<String> given) {
    List<String> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String property : given.stream().sorted().toList()) {
      if (pluginProperties.contains(property) || property.startsWith(PUBLISHED)) {
        continue;
      }
      Optional<String> glued = gluedOnto(property);
      Optional<String> meant = glued.or(() -> meant(property, given));
      String named = glued.map(known -> "-D" + known + " followed by " + (property.length() - known.length())
          + " characters where '=' should come (not shown: they may be a password)").orElse("-D" + property);
      if (meant.isPresent() && goalProperties.contains(meant.get())) {
        refused.add(glued.isPresent() ? named + "." : named + " is no property of this plugin: did you mean -D"
            + meant.get() + "?");
      } else if (property.startsWith(NAMESPACE)) {
        String why = glued.isPresent() ? " is no property of this plugin"
            : " is read by no goal of this plugin" + meant.map(m -> " (did you mean -D" + m + "?)").orElse("");
        warnings.add(named + why + "; mvn quantagent:help -Ddetail lists every property.");
      }
    }
    if (refused.isEmpty()) {
      return new Verdict(Optional.empty(), warnings);
    }
    String bare = goal.substring(goal.indexOf(':') + 1);
    return new Verdict(Optional.of(String.join(" ", refused) + " Nothing was run: " + goal + " would have run as if"
        + " it were not given. Correct it and run again; mvn quantagent:help -Ddetail -Dgoal=" + bare + " lists the"
        + " properties " + bare + " reads."), warnings);
  }

  /**
   * The known property of the namespace a name starts with when what follows is no part of a name: a value typed
   * after ':' or '-' instead of '=' ({@code -Dquantagent.password:s3cret}), which must not be quoted.
   */
  private Optional<String> gluedOnto(String property) {
    return pluginProperties.stream()
        .filter(known -> known.startsWith(NAMESPACE) && property.length() > known.length()
            && property.startsWith(known) && !Character.isLetterOrDigit(property.charAt(known.length()))
            && property.charAt(known.length()) != '.')
        .max(Comparator.comparing(String::length));
  }

  /** The property a mistyped one was meant to be, when one is close enough to say so. */
  private Optional<String> meant(String property, Collection<String> given) {
    String lower = property.toLowerCase(Locale.ROOT);
    if (lower.startsWith(NAMESPACE)) {
      String name = lower.substring(NAMESPACE.length());
      return pluginProperties.stream()
          .filter(known -> distanceInNamespace(lower, name, known) <= 2)
          .min(Comparator.comparing((String known) -> distanceInNamespace(lower, name, known))
              .thenComparing(Comparator.naturalOrder()));
    }
    // Outside the plugin's namespace any name may be another plugin's or the project's own: only a near miss of a
    // short form, or another tool's word for it, and only when the short form itself is not given.
    return OTHER_TOOLS_WORDS.keySet().stream()
        .filter(shortForm -> !given.contains(shortForm))
        .filter(shortForm -> distanceToShortForm(lower, shortForm) <= 1)
        .sorted().findFirst();
  }

  /** How far {@code quantagent.<name>} is from a known property; the short forms compare with the name alone. */
  private static int distanceInNamespace(String lower, String name, String known) {
    if (known.startsWith(NAMESPACE)) {
      return distance(lower, known.toLowerCase(Locale.ROOT));
    }
    return OTHER_TOOLS_WORDS.containsKey(known) ? distanceToShortForm(name, known) : Integer.MAX_VALUE;
  }

  private static int distanceToShortForm(String name, String shortForm) {
    return OTHER_TOOLS_WORDS.get(shortForm).contains(name) ? 0 : distance(name, shortForm);
  }

  /** Edits between two names, a swap of two neighbouring letters counting as one (optimal string alignment). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
