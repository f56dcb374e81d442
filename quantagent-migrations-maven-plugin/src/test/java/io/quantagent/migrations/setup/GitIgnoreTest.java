package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantagent.migrations.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitIgnoreTest {
  @TempDir Path dir;

  @Test
  void outsideAGitWorkTreeNothingIsWritten() {
    assertEquals(Optional.empty(), new GitIgnore().ensureIgnored(dir, ".env"));
    assertFalse(Files.exists(dir.resolve(".gitignore")));
  }

  @Test
  void aWorkTreeThatDoesNotIgnoreItGetsTheLineOnce() throws Exception {
    gitInit();
    Files.writeString(dir.resolve(".gitignore"), "target/"); // no final newline
    assertEquals(Optional.of(dir.resolve(".gitignore")), new GitIgnore().ensureIgnored(dir, ".env"));
    assertEquals("target/\n# Local settings with credentials (quantagent:setup)\n.env\n",
        Files.readString(dir.resolve(".gitignore")));
    assertEquals(Optional.empty(), new GitIgnore().ensureIgnored(dir, ".env"), "git now ignores it");
  }

  @Test
  void aRuleGitKnowsIsEnoughEvenInAParentDirectory() throws Exception {
    gitInit();
    Files.writeString(dir.resolve(".gitignore"), "*.env\n.env\n");
    Path module = Files.createDirectories(dir.resolve("service"));
    assertEquals(Optional.empty(), new GitIgnore().ensureIgnored(module, ".env"));
    assertFalse(Files.exists(module.resolve(".gitignore")));
  }

  @Test
  void withoutGitToAskALinkedWorkTreesGitignoreIsRead() throws Exception {
    Files.writeString(dir.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/setup\n"); // as git worktree writes it
    GitIgnore noGit = new GitIgnore("no-such-git-" + System.nanoTime());
    assertEquals(Optional.of(dir.resolve(".gitignore")), noGit.ensureIgnored(dir, ".env"));
    assertEquals(Optional.empty(), noGit.ensureIgnored(dir, ".env"), "now listed");
  }

  private void gitInit() throws Exception {
    Process git;
    try {
      git = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      Prerequisite.require(false, "git is not installed (apt-get install git)");
      return;
    }
    git.getInputStream().readAllBytes();
    git.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, git.exitValue());
  }
}
