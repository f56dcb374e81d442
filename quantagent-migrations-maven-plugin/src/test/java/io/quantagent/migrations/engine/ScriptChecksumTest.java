package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every changelog row holds one of these: a checksum that changed its meaning would call every database drifted. */
class ScriptChecksumTest {
  private static final String SCRIPT = "-- // create orders\ncreate table orders (id bigint);\n\n-- //@UNDO\n"
      + "drop table orders;";

  @Test
  void isTheSha256OfTheScriptAsItReads() {
    assertEquals("27b0f199730d41657349f65885dc29f41d6dc480b9c8f51ec8025ece6b448256", ScriptChecksum.of(SCRIPT));
  }

  @Test
  void lineEndingsTrailingSpaceAndTrailingBlankLinesDoNotCount() {
    String expected = ScriptChecksum.of(SCRIPT);
    assertEquals(expected, ScriptChecksum.of(SCRIPT.replace("\n", "\r\n")));
    assertEquals(expected, ScriptChecksum.of(SCRIPT.replace("\n", "\r")));
    assertEquals(expected, ScriptChecksum.of(SCRIPT.replace("\n", " \t\n") + "  \n\n\t\n"));
    assertNotEquals(expected, ScriptChecksum.of(SCRIPT.replace("bigint", "integer")));
    assertNotEquals(expected, ScriptChecksum.of(SCRIPT.replace("\n\n", "\n")), "a blank line inside counts");
    assertNotEquals(expected, ScriptChecksum.of(SCRIPT.replace("create", "  create")), "leading space counts");
  }

  /** The definition the changelogs of every release were written with, as it read before it was made faster. */
  private static String checksumAsFirstDefined(String text) throws Exception {
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t\\x0B\\f]+\\n", "\n")
        .replaceAll("[\\s]+$", "");
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(normalized.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void normalizesExactlyAsTheFirstDefinitionOnAnyText() throws Exception {
    char[] alphabet = {'a', ';', ' ', '\t', '\u000B', '\f', '\r', '\n', '\u0085', '\u2028', '\u2029', '\u00e9'};
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String script = text.toString();
      assertEquals(checksumAsFirstDefined(script), ScriptChecksum.of(script), () -> "for "
          + script.chars().mapToObj(c -> String.format("\\u%04x", c)).toList());
    }
  }

  /** In a parallel build ({@code mvn -T}) the goals of several modules checksum at once: no digest may be shared. */
  @Test
  void checksumsTakenOnSeveralThreadsAtOnceAreEachScriptsOwn() throws Exception {
    List<String> scripts = IntStream.range(0, 2_000).mapToObj(i -> SCRIPT.replace("orders", "orders_" + i)).toList();
    List<String> expected = scripts.stream().map(ScriptChecksum::of).toList();
    Callable<Long> wrongChecksums = () -> IntStream.range(0, scripts.size())
        .filter(i -> !ScriptChecksum.of(scripts.get(i)).equals(expected.get(i))).count();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      for (Future<Long> pass : threads.invokeAll(Collections.nCopies(4, wrongChecksums))) {
        assertEquals(0, pass.get(), "checksums of 2,000 scripts that came out wrong");
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
