package io.quantagent.migrations.embedded;

import static org.junit.jupiter.api.Assertions.fail;

import io.quantagent.migrations.testing.ThreadPerTask;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@link EmbeddedUser} (or another main class of the tests) in a JVM of its own, on this test JVM's class path. */
public final class ChildJvm implements AutoCloseable {
  /** Only turns a hang into a failure; the tests wait for the child's own READY line. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Pattern READY = Pattern.compile("READY pid=(\\d+) port=(\\d+) version=(\\S*)");

  private final Process process;
  private final BufferedReader out;
  private final StringBuilder seen = new StringBuilder();

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code EmbeddedUser <args>}; {@code prefix} runs the JVM under another command (setpriv). */
  static ChildJvm start(List<String> prefix, List<String> jvmOptions, String classpath, String... args)
      throws IOException {
    return start(prefix, jvmOptions, classpath, EmbeddedUser.class, args);
  }

  /** Starts {@code main} with {@code args}. */
  public static ChildJvm running(Class<?> main, String... args) throws IOException {
    return start(List.of(), List.of(), String.join(File.pathSeparator, classpath()), main, args);
  }

  private static ChildJvm start(List<String> prefix, List<String> jvmOptions, String classpath, Class<?> main,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath));
    command.addAll(jvmOptions);
    command.add(main.getName());
    command.addAll(Arrays.asList(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  static ChildJvm start(String... args) throws IOException {
    return start(List.of(), List.of(), String.join(File.pathSeparator, classpath()), args);
  }

  /** The entries of this JVM's class path (surefire passes them in a manifest-only jar). */
  static List<String> classpath() throws IOException {
    List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
      try (JarFile jar = new JarFile(entries.get(0))) {
        String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        if (manifestPath != null) {
          List<String> resolved = new ArrayList<>();
          for (String url : manifestPath.trim().split("\\s+")) {
            resolved.add(Path.of(URI.create(url).isAbsolute() ? URI.create(url)
                : Path.of(entries.get(0)).toUri().resolve(url)).toString());
          }
          return resolved;
        }
      }
    }
    return entries;
  }

  /** Waits for the READY line and returns the postmaster's pid. */
  long awaitReady() {
    Matcher m = awaitLine(READY);
    return Long.parseLong(m.group(1));
  }

  public Matcher awaitLine(Pattern pattern) {
    CompletableFuture<Matcher> line = CompletableFuture.supplyAsync(() -> {
      try {
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          seen.append(l).append('\n');
          Matcher m = pattern.matcher(l);
          if (m.find()) {
            return m;
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    }, ThreadPerTask.EXECUTOR);
    try {
      Matcher m = line.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      if (m == null) {
        fail("The child JVM ended without printing " + pattern + ":\n" + seen);
      }
      return m;
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("No " + pattern + " from the child JVM within " + DEADLINE + ":\n" + seen, e);
    }
  }

  Process process() {
    return process;
  }

  /** kill -9: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  /** SIGTERM, as a terminal's kill or a CI runner's cancel sends: shutdown hooks run. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return awaitExit();
  }

  /** Ends the child's input: an {@code close-on-eof} child closes its server and exits. */
  void endInput() throws IOException {
    process.getOutputStream().close();
  }

  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("The child JVM did not end within " + DEADLINE);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
