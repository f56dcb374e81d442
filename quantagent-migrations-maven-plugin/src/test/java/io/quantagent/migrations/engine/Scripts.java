package io.quantagent.migrations.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scripts directory a test writes into. */
record Scripts(Path directory) {
  Scripts add(String filename, String up, String undo) {
    try {
      String description = filename.replaceFirst("^[0-9]+_", "").replaceFirst("\\.sql$", "").replace('_', ' ');
      Files.writeString(directory.resolve(filename), "-- // " + description + "\n" + up + "\n-- //@UNDO\n" + undo + "\n");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ScriptSource source() {
    return ScriptSource.directory(directory);
  }
}
