package io.quantagent.migrations.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a file out of version control: when the directory is inside a git work tree that does not ignore the file
 * yet, its name is added to the directory's {@code .gitignore}. Whether git ignores it, or already tracks it, is git's
 * own answer ({@code git check-ignore}, which knows every rule and negation; {@code git ls-files}); without a git to
 * ask, the directory's {@code .gitignore} is read for the name itself; whether the file is tracked then cannot be
 * told.
 */
final class GitIgnore {
  private final String git;

  GitIgnore(String git) {
    this.git = git;
  }

  GitIgnore() {
    this("git");
  }

  /**
   * Whether git tracks the file (committed, or added to the index): {@code .gitignore} then no longer applies to it,
   * and {@code git commit -a} takes whatever is written into it. Outside a git work tree nothing is tracked.
   *
   * @throws GitCannotTellException when the directory is in a work tree and git cannot answer: no git to run, or git
   *     fails (exit 128: "detected dubious ownership", a broken repository)
   */
  boolean tracked(Path directory, String fileName) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!inWorkTree(absolute)) {
      return false;
    }
    GitAnswer answer = askGit(absolute, List.of("ls-files", "--error-unmatch", "--", fileName));
    // 0: tracked, 1: not tracked, anything else: git could not tell
    if (answer.exit().filter(exit -> exit == 0 || exit == 1).isEmpty()) {
      throw new GitCannotTellException(answer.said());
    }
    return answer.exit().get() == 0;
  }

  /** Git could not say whether a file is tracked; the message is git's first error line, or why git did not run. */
  static final class GitCannotTellException extends RuntimeException {
    GitCannotTellException(String gitSaid) {
      super(gitSaid);
    }
  }

  /** The {@code .gitignore} that was changed, or empty when nothing needed to be. */
  Optional<Path> ensureIgnored(Path directory, String fileName) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!inWorkTree(absolute) || ignored(absolute, fileName)) {
      return Optional.empty();
    }
    Path gitignore = absolute.resolve(".gitignore");
    try {
      String existing = Files.exists(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : "";
      String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
      Files.writeString(gitignore, separator + "# Local settings with credentials (quantagent:setup)\n" + fileName
          + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return Optional.of(gitignore);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot add " + fileName + " to " + gitignore + ": " + e.getMessage()
          + ". Add it yourself: the file holds a password.", e);
    }
  }

  /** A {@code .git} directory, or the {@code .git} file of a linked work tree or submodule, here or above. */
  private static boolean inWorkTree(Path directory) {
    for (Path dir = directory; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return true;
      }
    }
    return false;
  }

  /** By git's rules alone ({@code --no-index}): a tracked file is otherwise never ignored, however it is listed. */
  private boolean ignored(Path directory, String fileName) {
    Optional<Integer> exit = askGit(directory, List.of("check-ignore", "-q", "--no-index", "--", fileName)).exit();
    // 0: ignored, 1: not ignored, anything else: git could not tell (not a repository it can read, ...)
    return exit.filter(code -> code == 0 || code == 1).map(code -> code == 0)
        .orElseGet(() -> listedIn(directory.resolve(".gitignore"), fileName));
  }

  /**
   * Git's exit status (empty when there is no git to run or it does not answer) and the first line it wrote, or why it
   * did not run. The output is of {@code ls-files} and {@code check-ignore}: file names, never a file's content.
   */
  private record GitAnswer(Optional<Integer> exit, String said) {}

  private GitAnswer askGit(Path directory, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(git);
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String firstLine = output.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new GitAnswer(Optional.empty(), String.join(" ", command) + " did not answer within 30 seconds");
      }
      int exit = process.exitValue();
      return new GitAnswer(Optional.of(exit), firstLine.isEmpty() ? "git exited with " + exit : firstLine);
    } catch (IOException e) {
      // no git on the PATH (a Windows machine without Git for Windows' tools, ...)
      return new GitAnswer(Optional.empty(), "git could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GitAnswer(Optional.empty(), "interrupted while waiting for git");
    }
  }

  private static boolean listedIn(Path gitignore, String fileName) {
    try {
      return Files.exists(gitignore) && Files.readAllLines(gitignore, StandardCharsets.UTF_8).stream()
          .map(String::strip).anyMatch(line -> line.equals(fileName) || line.equals("/" + fileName));
    } catch (IOException e) {
      return false;
    }
  }
}
