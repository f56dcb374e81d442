package io.quantagent.migrations.maven;

import static io.quantagent.migrations.lint.Json.string;

import io.quantagent.migrations.engine.CurrentState;
import io.quantagent.migrations.engine.HistoryEntry;
import io.quantagent.migrations.engine.MigrationInfo;
import io.quantagent.migrations.lint.Json;
import io.quantagent.migrations.schema.ModelCheck;
import io.quantagent.migrations.schema.SchemaDifference;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code current} and {@code history} as one JSON document each, for deployment scripts. The fields are
 * documented in the README and stay stable; new ones may be added.
 */
final class JsonText {
  private JsonText() {}

  static String current(CurrentState state) {
    return "{\"current\":" + migration(state.current()) + ",\"applied\":" + state.applied()
        + ",\"pending\":" + state.pending() + "}";
  }

  static String history(List<HistoryEntry> entries) {
    return entries.stream().map(JsonText::entry).collect(Collectors.joining(",", "{\"migrations\":[", "]}"));
  }

  static String diff(Optional<MigrationInfo> revision, List<MigrationInfo> pending, List<SchemaDifference> differences) {
    return "{\"revision\":" + migration(revision) + ",\"pending\":" + pending.stream()
        .map(m -> migration(Optional.of(m))).collect(Collectors.joining(",", "[", "]"))
        + ",\"differences\":" + differences.stream()
        .map(d -> "{\"kind\":" + string(d.kind().label()) + ",\"name\":" + string(d.name())
            + ",\"severity\":" + string(d.severity().name().toLowerCase(Locale.ROOT))
            + ",\"text\":" + string(d.describe()) + "}")
        .collect(Collectors.joining(",", "[", "]")) + "}";
  }

  /** As {@link #diff}, with the model's path, and texts that name the model as the other side. */
  static String modelDiff(String model, ModelCheck.Comparison comparison) {
    return "{\"model\":" + Json.path(model) + ",\"head\":" + migration(comparison.head()) + ",\"differences\":"
        + comparison.differences().stream()
            .map(d -> "{\"kind\":" + string(d.kind().label()) + ",\"name\":" + string(d.name())
                + ",\"severity\":" + string(d.severity().name().toLowerCase(Locale.ROOT))
                + ",\"text\":" + string(ModelCheck.describe(d)) + "}")
            .collect(Collectors.joining(",", "[", "]")) + "}";
  }

  private static String entry(HistoryEntry entry) {
    String state = !entry.scriptPresent() ? "missing-script" : entry.pending() ? "pending" : "applied";
    return "{\"id\":" + string(entry.migration().idText())
        + ",\"description\":" + string(entry.migration().description())
        + ",\"appliedAt\":" + entry.appliedAt().map(Json::string).orElse("null")
        + ",\"state\":" + string(state)
        + ",\"checksum\":" + string(entry.integrity().name().toLowerCase(Locale.ROOT).replace('_', '-'))
        + ",\"current\":" + entry.current() + "}";
  }

  private static String migration(Optional<MigrationInfo> migration) {
    return migration.map(m -> "{\"id\":" + string(m.idText()) + ",\"description\":" + string(m.description()) + "}")
        .orElse("null");
  }
}
