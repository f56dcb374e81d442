package io.quantagent.migrations.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an extracted cache entry held when it was made: each directory with its number of entries, written last into
 * the entry. The cache lies in the temporary directory, whose cleaners (systemd-tmpfiles: 10 days) delete the files
 * nobody read lately, such as the postgres.bki that only initdb reads, or an extension's files; an entry that lost
 * some would fail for good, so it is extracted again. Directories are listed, files never opened or stat'ed: a
 * millisecond for zonky's 38 directories, at every goal's start.
 */
final class ExtractedContents {
  static final String FILE_NAME = ".quantagent-contents";

  private ExtractedContents() {}

  /** Records the contents of a new entry, the record itself included. */
  static void record(Path entry) throws IOException {
    Path record = Files.createFile(entry.resolve(FILE_NAME));
    Files.writeString(record, listing(entry, 0));
  }

  /**
   * Records the contents of an entry in use, which other processes may be checking meanwhile: the record is written
   * to {@code temporary}, outside the entry, and renamed into it whole.
   */
  static void recordInPlace(Path entry, Path temporary) throws IOException {
    try {
      Files.writeString(temporary, listing(entry, recorded(entry) ? 0 : 1));
      Files.move(temporary, entry.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Each directory with its number of entries, plus {@code toCome} at the top: the record, when not there yet. */
  private static String listing(Path entry, int toCome) throws IOException {
    StringBuilder lines = new StringBuilder();
    try (Stream<Path> all = Files.walk(entry)) {
      for (Path dir : (Iterable<Path>) all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
        String relative = entry.relativize(dir).toString().replace('\\', '/');
        int count = dir.toFile().list().length + (dir.equals(entry) ? toCome : 0);
        lines.append(relative).append('\t').append(count).append('\n');
      }
    }
    return lines.toString();
  }

  /** Whether the entry holds all it was extracted with; false for one an older plugin made, without a record. */
  static boolean complete(Path entry) {
    try {
      List<String> directories = Files.readAllLines(entry.resolve(FILE_NAME));
      for (String line : directories) {
        int tab = line.lastIndexOf('\t');
        String[] names = entry.resolve(line.substring(0, tab)).toFile().list();
        if (names == null || names.length != Integer.parseInt(line.substring(tab + 1))) {
          return false;
        }
      }
      return !directories.isEmpty();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the entry has a record: one without was made by an older plugin, and is not known to have lost files. */
  static boolean recorded(Path entry) {
    return Files.exists(entry.resolve(FILE_NAME));
  }
}
