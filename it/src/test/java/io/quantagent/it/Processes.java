package io.quantagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process the build started still runs, for the cases that assert a server is gone by its pid. */
public final class Processes {
  private Processes() {}

  /** Running, as opposed to gone or a zombie (exited, waiting for its parent to reap it). */
  public static boolean running(long pid) {
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false; // gone, or went away while we looked
    }
  }
}
