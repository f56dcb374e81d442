package io.quantagent.migrations.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

  /** git check-ignore says a tracked file is not ignored, whatever .gitignore lists: the rules are asked alone. */
  @Test
  void aTrackedFileIsSaidSoAndItsGitignoreLineIsNotAddedAgain() throws Exception {
    gitInit();
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    GitWorkTree.commit(dir, ".env");
    Files.writeString(dir.resolve(".gitignore"), ".env\n");
    assertTrue(new GitIgnore().tracked(dir, ".env"));
    assertEquals(Optional.empty(), new GitIgnore().ensureIgnored(dir, ".env"));
    assertEquals(".env\n", Files.readString(dir.resolve(".gitignore")));
  }

  @Test
  void anUntrackedFileIsNotTrackedOutsideAWorkTreeWithGitOrWithout() throws Exception {
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    assertFalse(new GitIgnore().tracked(dir, ".env"), "outside a work tree");
    assertFalse(new GitIgnore("no-such-git-" + System.nanoTime()).tracked(dir, ".env"), "outside, without git");
    gitInit();
    assertFalse(new GitIgnore().tracked(dir, ".env"));
  }

  /** Exit 128 ("detected dubious ownership", a broken repository) is no answer, and neither is a missing git. */
  @Test
  void inAWorkTreeGitThatCannotAnswerIsNotTakenForUntracked() throws Exception {
    gitInit();
    Files.writeString(dir.resolve(".env"), "API_KEY=abc\n");
    GitIgnore.GitCannotTellException noGit = assertThrows(GitIgnore.GitCannotTellException.class,
        () -> new GitIgnore("no-such-git-" + System.nanoTime()).tracked(dir, ".env"));
    assertTrue(noGit.getMessage().startsWith("git could not be run: "), noGit.getMessage());

    Files.writeString(dir.resolve(".git/HEAD"), "not a ref\n"); // git now exits 128
    GitIgnore.GitCannotTellException broken = assertThrows(GitIgnore.GitCannotTellException.class,
        () -> new GitIgnore().tracked(dir, ".env"));
    assertTrue(broken.getMessage().startsWith("fatal: not a git repository"), "git's own first line: "
        + broken.getMessage());
  }

  /** When git cannot answer (exit 128 here), the lines of .gitignore decide, as they are written. */
  @Test
  void whenGitCannotAnswerTheGitignoresOwnLinesDecide() throws Exception {
    gitInit();
    Files.writeString(dir.resolve(".git/HEAD"), "not a ref\n"); // git now exits 128
    Files.writeString(dir.resolve(".gitignore"), "target/\n/.env\n");
    assertEquals(Optional.empty(), new GitIgnore().ensureIgnored(dir, ".env"));
    Files.writeString(dir.resolve(".gitignore"), "target/\n.env.example\n");
    assertEquals(Optional.of(dir.resolve(".gitignore")), new GitIgnore().ensureIgnored(dir, ".env"));
  }

  @Test
  void withoutGitToAskALinkedWorkTreesGitignoreIsRead() throws Exception {
    Files.writeString(dir.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/setup\n"); // as git worktree writes it
    GitIgnore noGit = new GitIgnore("no-such-git-" + System.nanoTime());
    assertEquals(Optional.of(dir.resolve(".gitignore")), noGit.ensureIgnored(dir, ".env"));
    assertEquals(Optional.empty(), noGit.ensureIgnored(dir, ".env"), "now listed");
  }

  private void gitInit() throws Exception {
    GitWorkTree.init(dir);
  }
}
