package io.quantagent.migrations.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a file out of version control: when the directory is inside a git work tree that does not ignore the file
 * yet, its name is added to the directory's {@code .gitignore}. Whether git ignores it is git's own answer
 * ({@code git check-ignore}, which knows every rule and negation); without a git to ask, the directory's
 * {@code .gitignore} is read for the name itself.
 */
final class GitIgnore {
  private final String git;

  GitIgnore(String git) {
    this.git = git;
  }

  GitIgnore() {
    this("git");
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

  private boolean ignored(Path directory, String fileName) {
    Optional<Boolean> answer = askGit(directory, fileName);
    return answer.orElseGet(() -> listedIn(directory.resolve(".gitignore"), fileName));
  }

  private Optional<Boolean> askGit(Path directory, String fileName) {
    try {
      Process process = new ProcessBuilder(List.of(git, "check-ignore", "-q", "--", fileName))
          .directory(directory.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      // 0: ignored, 1: not ignored, anything else: git could not tell (not a repository it can read, ...)
      return switch (process.exitValue()) {
        case 0 -> Optional.of(true);
        case 1 -> Optional.of(false);
        default -> Optional.empty();
      };
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
