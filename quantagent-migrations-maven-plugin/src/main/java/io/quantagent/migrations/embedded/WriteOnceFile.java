package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
      writeNew(draft, value);
      try {
        Files.createLink(file, draft);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: its value wins
      } catch (UnsupportedOperationException | IOException noHardLinks) {
        String text = Files.readString(draft, StandardCharsets.UTF_8).strip();
        try {
          writeNew(file, () -> text); // an exclusive create; a concurrent reader may see it half written
        } catch (FileAlreadyExistsException e) {
          // another process created it first
        }
      }
    } finally {
      Files.deleteIfExists(draft);
    }
    return read(file);
  }

  /**
   * Owner-only from the moment the file exists, and the value asked for only then: a mode set after the write would
   * leave the value readable by others (under the usual umask 022) until it is set.
   */
  private static void writeNew(Path file, Supplier<String> value) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (OutputStream out = Channels.newOutputStream(FileTrees.isPosix()
        ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(FileTrees.permissions(0600)))
        : Files.newByteChannel(file, options))) {
      out.write((value.get() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
