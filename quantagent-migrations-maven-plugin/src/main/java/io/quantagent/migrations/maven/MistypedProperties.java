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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * that looks meant for another goal's is warned about. Outside the namespace only a goal typed on the command line
 * judges names (a near miss of {@code target} or {@code desc}): an execution bound in a POM sees every property of the
 * build, meant for other plugins and the project. A name is never quoted past what could be a value: a mistyped
 * password property holds one.
 */
final class MistypedProperties {
  private static final String NAMESPACE = "quantagent.";
  /** Published by {@code start} for failsafe and the tests, and given on a command line by whoever reruns them. */
  private static final String PUBLISHED = "quantagent.started.";
  /** What users of other tools type for the two short forms. */
  private static final Map<String, Set<String>> OTHER_TOOLS_WORDS = Map.of(
      PropertyKeys.DESC, Set.of("description", "descr", "message", "msg", "m"),
      PropertyKeys.TARGET, Set.of());
  /** Read from the user properties by setup's code, not through a parameter's expression. */
  private static final Set<String> SETUP_ANSWERS = Stream.of(Question.values()).map(Question::property)
      .filter(property -> !property.isEmpty()).collect(Collectors.toUnmodifiableSet());
  /** What a property's name is made of in the plugin's namespace; anything else may be a value typed into it. */
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9.]*");
  private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret");

  private final Set<String> pluginProperties;
  private final Set<String> goalProperties;
  private final String goal;
  private final boolean typed;

  /**
   * @param pluginProperties every property a goal of the plugin reads
   * @param goalProperties those this goal reads
   * @param goal the goal as typed, {@code quantagent:upgrade}
   * @param typed whether the goal was typed on the command line, not bound in a POM
   */
  MistypedProperties(Set<String> pluginProperties, Set<String> goalProperties, String goal, boolean typed) {
    this.pluginProperties = Set.copyOf(pluginProperties);
    this.goalProperties = Set.copyOf(goalProperties);
    this.goal = goal;
    this.typed = typed;
  }

  /**
   * For a goal of this plugin: the properties its parameters and its code read (every goal reads the URL property,
   * setup its answers), and those of every other goal.
   */
  static MistypedProperties of(MojoDescriptor goal, boolean typed) {
    Set<String> pluginProperties = new HashSet<>(SETUP_ANSWERS);
    pluginProperties.add(PropertyKeys.URL);
    goal.getPluginDescriptor().getMojos().forEach(mojo -> pluginProperties.addAll(properties(mojo)));
    Set<String> goalProperties = new HashSet<>(properties(goal));
    goalProperties.add(PropertyKeys.URL);
    if (goal.getGoal().equals("setup")) {
      goalProperties.addAll(SETUP_ANSWERS);
    }
    return new MistypedProperties(pluginProperties, goalProperties,
        goal.getPluginDescriptor().getGoalPrefix() + ":" + goal.getGoal(), typed);
  }

  private static Set<String> properties(MojoDescriptor mojo) {
    Set<String> properties = new HashSet<>();
    for (Parameter parameter : mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
      UserProperty.of(parameter).ifPresent(properties::add);
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
      if (meant.isEmpty()) {
        continue; // another plugin's, the project's, or nothing that says what it was meant for
      }
      String named = glued.map(known -> "-D" + property.substring(0, known.length()) + followedBy(property,
          known.length(), " where '=' should come")).orElseGet(() -> shown(property));
      if (goalProperties.contains(meant.get())) {
        refused.add(glued.isPresent() ? named + "." : named + " is no property of this plugin: did you mean -D"
            + meant.get() + "?");
      } else if (property.startsWith(NAMESPACE)) {
        warnings.add(named + (glued.isPresent() ? " is no property of this plugin"
            : " is read by no goal of this plugin (did you mean -D" + meant.get() + "?)")
            + "; mvn quantagent:help -Ddetail lists every property.");
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
   * The known property of the namespace a name starts with, in any case, when what follows is no part of a name: a
   * value typed after ':' or '-' instead of '=' ({@code -Dquantagent.password:s3cret}).
   */
  private Optional<String> gluedOnto(String property) {
    String lower = property.toLowerCase(Locale.ROOT);
    return pluginProperties.stream()
        .filter(known -> known.startsWith(NAMESPACE) && property.length() > known.length()
            && lower.startsWith(known.toLowerCase(Locale.ROOT))
            && !Character.isLetterOrDigit(property.charAt(known.length())) && property.charAt(known.length()) != '.')
        .max(Comparator.comparing(String::length));
  }

  /**
   * The property as a message may show it: in the plugin's namespace, cut before the first character no property
   * name has and after a word that says a secret follows ({@code password}, {@code secret}), the rest only counted.
   */
  static String shown(String property) {
    if (!property.startsWith(NAMESPACE)) {
      return "-D" + property;
    }
    Matcher name = NAME_PART.matcher(property);
    name.lookingAt();
    int cut = name.end();
    String lower = property.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      int at = lower.indexOf(word);
      if (at >= 0) {
        cut = Math.min(cut, at + word.length());
      }
    }
    return cut == property.length() ? "-D" + property : "-D" + property.substring(0, cut) + followedBy(property, cut, "");
  }

  private static String followedBy(String property, int cut, String where) {
    int hidden = property.length() - cut;
    return " followed by " + hidden + (hidden == 1 ? " character" : " characters") + where
        + " (not shown: they may be a password)";
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
    // short form, or another tool's word for it, and only when the goal was typed and the short form is not given.
    if (!typed) {
      return Optional.empty();
    }
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
