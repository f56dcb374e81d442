package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * A one-line file, readable by its owner only, created once and never replaced: two processes creating it at the
 * same time agree on one value. The value is written whole under a draft name and then hard-linked to the final
 * name, which fails when that name exists (a rename would replace it); the loser reads the winner's value.
 */
final class WriteOnceFile {
  private WriteOnceFile() {}

  static String readOrCreate(Path file, Supplier<String> value) throws IOException {
    if (Files.exists(file)) {
      return read(file);
    }
    Files.createDirectories(file.getParent());
    Path draft = file.resolveSibling("." + file.getFileName() + "." + OwnerProcess.current().tag() + "-"
        + System.nanoTime() + ".draft");
    try {
      Files.writeString(draft, value.get() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      FileTrees.setMode(draft, 0600);
      try {
        Files.createLink(file, draft);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: its value wins
      } catch (UnsupportedOperationException | IOException noHardLinks) {
        createNew(file, Files.readString(draft, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(draft);
    }
    return read(file);
  }

  /** Where hard links are not supported: an exclusive create (a concurrent reader may see it half written). */
  private static void createNew(Path file, String text) throws IOException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      FileTrees.setMode(file, 0600);
    } catch (FileAlreadyExistsException e) {
      // another process created it first
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
