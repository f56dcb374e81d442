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
 * ask, the directory's {@code .gitignore} is read for the name itself, and the file counts as untracked.
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
   * and {@code git commit -a} takes whatever is written into it.
   */
  boolean tracked(Path directory, String fileName) {
    Path absolute = directory.toAbsolutePath().normalize();
    // 0: tracked, 1: not tracked, anything else: git could not tell (not a repository it can read, ...)
    return inWorkTree(absolute) && askGit(absolute, List.of("ls-files", "--error-unmatch", "--", fileName))
        .filter(exit -> exit == 0).isPresent();
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
    Optional<Integer> exit = askGit(directory, List.of("check-ignore", "-q", "--no-index", "--", fileName));
    // 0: ignored, 1: not ignored, anything else: git could not tell (not a repository it can read, ...)
    return exit.filter(code -> code == 0 || code == 1).map(code -> code == 0)
        .orElseGet(() -> listedIn(directory.resolve(".gitignore"), fileName));
  }

  /** Git's exit status, or empty when there is no git to ask or it does not answer. */
  private Optional<Integer> askGit(Path directory, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(git);
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(process.exitValue());
    } catch (IOException e) {
      return Optional.empty(); // no git on the PATH (a Windows machine without Git for Windows' tools, ...)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
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
