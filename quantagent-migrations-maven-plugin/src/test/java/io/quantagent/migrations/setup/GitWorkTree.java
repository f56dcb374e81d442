package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantagent.migrations.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a test's directory, made with the machine's git as a person would. */
final class GitWorkTree {
  private GitWorkTree() {}

  static void init(Path dir) throws Exception {
    git(dir, "init", "-q", ".");
  }

  /** Adds the file and commits it, as whoever first committed a {@code .env} did. */
  static void commit(Path dir, String file) throws Exception {
    git(dir, "add", "--", file);
    git(dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "Add " + file);
  }

  private static void git(Path dir, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process git;
    try {
      git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Prerequisite.require(false, "git is not installed (apt-get install git)");
      return;
    }
    String output = new String(git.getInputStream().readAllBytes());
    git.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, git.exitValue(), command + ": " + output);
  }
}
