package io.quantagent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real {@code mvn} processes in a case's directory, several at once, for the cases that race builds against each
 * other or kill one. Lean on purpose (each costs a JVM on a 2-core CI machine): offline, from the invoker's local
 * repository, with the JVM options of the case's own runs.
 */
public final class ConcurrentMaven {
  /** Only turns a hang into a failure. */
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private final Path basedir;
  private final String localRepository;
  private final String mavenOpts;

  /** {@code mavenOpts}: the JVM options the invoker gives the case's own Maven runs (script variable mavenOpts). */
  public ConcurrentMaven(File basedir, Object localRepositoryPath, String mavenOpts) throws IOException {
    this.basedir = basedir.toPath();
    this.localRepository = String.valueOf(localRepositoryPath);
    this.mavenOpts = mavenOpts;
    // What the invoker's builds resolved came from the repository id local.central (src/it/settings.xml); Maven
    // offline trusts a cached artifact only while its repository id is in the build's context.
    String url = Path.of(localRepository).toUri().toString();
    Files.writeString(settings(), "<settings><profiles><profile><id>it-repo</id><activation><activeByDefault>true"
        + "</activeByDefault></activation><repositories><repository><id>local.central</id><url>" + url + "</url>"
        + "</repository></repositories><pluginRepositories><pluginRepository><id>local.central</id><url>" + url
        + "</url></pluginRepository></pluginRepositories></profile></profiles></settings>\n", StandardCharsets.UTF_8);
  }

  /** Starts {@code mvn <args>} with its output in {@code <logName>.log}. */
  public Process start(String logName, String... args) throws IOException {
    String mavenHome = System.getProperty("maven.home");
    if (mavenHome == null) {
      throw new IllegalStateException("maven.home is not set: run this from the invoker plugin");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(mavenHome, "bin", "mvn").toString(), "-o", "-B",
        "-s", settings().toString(), "-Dmaven.repo.local=" + localRepository));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(basedir.toFile()).redirectErrorStream(true)
        .redirectOutput(log(logName).toFile());
    Map<String, String> env = builder.environment();
    env.remove("DATABASE_URL");
    env.put("MAVEN_OPTS", mavenOpts);
    return builder.start();
  }

  /** Runs {@code mvn <args>} to its end and returns its exit code. */
  public int run(String logName, String... args) throws Exception {
    return awaitExit(start(logName, args), logName);
  }

  public int awaitExit(Process process, String logName) throws Exception {
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("mvn (" + logName + ".log) did not end within " + DEADLINE + ":\n" + text(logName));
    }
    return process.exitValue();
  }

  /** Waits until the process's log has a line matching {@code pattern} (it printed what we wait for). */
  public Matcher awaitLine(Process process, String logName, String pattern) throws Exception {
    Pattern wanted = Pattern.compile(pattern);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : text(logName).lines().toList()) {
        Matcher m = wanted.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("mvn (" + logName + ".log) ended without printing " + pattern + ":\n"
            + text(logName));
      }
      Thread.sleep(20); // polling the log for the line, not timing
    }
    process.destroyForcibly();
    throw new AssertionError("mvn (" + logName + ".log) did not print " + pattern + " within " + DEADLINE);
  }

  public String text(String logName) throws IOException {
    Path log = log(logName);
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Runs a command (psql) and returns its output; fails when it exits with an error. */
  public static String command(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private Path settings() {
    return basedir.resolve("concurrent-maven-settings.xml");
  }

  private Path log(String logName) {
    return basedir.resolve(logName + ".log");
  }
}
