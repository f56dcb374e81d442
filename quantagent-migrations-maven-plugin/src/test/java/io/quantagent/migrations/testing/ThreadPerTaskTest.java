package io.quantagent.migrations.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No background task falls to the JVM's common pool, where, from Java 25 on, a two-core machine runs one at a time
 * (ThreadPerTask says why that hangs tests, ProcessRunner why it stalls a user's build). CI runs Java 17, which gave
 * each such task a thread of its own on two cores, so only this check catches a default there.
 */
class ThreadPerTaskTest {
  private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"));
  private static final Pattern ASYNC = Pattern.compile("CompletableFuture\\.(supplyAsync|runAsync)\\(");

  @Test
  void everyBackgroundTaskNamesItsExecutor() throws IOException {
    List<String> defaults = new ArrayList<>();
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          Matcher call = ASYNC.matcher(source);
          while (call.find()) {
            if (!hasSecondArgument(source, call.end())) {
              defaults.add(file + ":" + (source.substring(0, call.start()).split("\n", -1).length));
            }
          }
        }
      }
    }
    assertEquals(List.of(), defaults, "pass an executor: ThreadPerTask.EXECUTOR in tests, a thread of its own in"
        + " the plugin (as ProcessRunner)");
  }

  /** Whether the argument list that starts at {@code from}, after its opening parenthesis, has a second argument. */
  private static boolean hasSecondArgument(String source, int from) {
    int depth = 1;
    char quote = 0;
    for (int i = from; depth > 0; i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i);
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if ("([{".indexOf(c) >= 0) {
        depth++;
      } else if (")]}".indexOf(c) >= 0) {
        depth--;
      } else if (c == ',' && depth == 1) {
        return true;
      }
    }
    return false;
  }
}
