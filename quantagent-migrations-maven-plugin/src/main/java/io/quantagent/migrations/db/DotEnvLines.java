package io.quantagent.migrations.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a {@code .env} file, split where python-dotenv splits them ({@code \r\n}, a lone {@code \r},
 * {@code \n}), each kept as its own bytes and line ending. The one place that decides where a line ends:
 * {@link DotEnvFile} numbers the lines it reports from this list, and setup rewrites the same lines, leaving every other
 * line's bytes as they were, in whatever encoding they were written.
 */
public final class DotEnvLines {
  /**
   * One line.
   *
   * @param ending {@code "\r\n"}, {@code "\r"}, {@code "\n"}, or {@code ""} for the last line
   */
  public record Line(byte[] bytes, String ending) {
    /** The line as UTF-8; bytes that are not UTF-8 become U+FFFD. */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public static Line of(String text, String ending) {
      return new Line(text.getBytes(StandardCharsets.UTF_8), ending);
    }

    void writeTo(ByteArrayOutputStream out) {
      out.writeBytes(bytes);
      out.writeBytes(ending.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private DotEnvLines() {}

  /** Every line; a file that ends with a line ending has an empty last line, as {@code split(regex, -1)} gives. */
  public static List<Line> split(byte[] file) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n' || file[i] == '\r') {
        boolean crlf = file[i] == '\r' && i + 1 < file.length && file[i + 1] == '\n';
        String ending = crlf ? "\r\n" : file[i] == '\r' ? "\r" : "\n";
        lines.add(new Line(Arrays.copyOfRange(file, start, i), ending));
        i += ending.length() - 1;
        start = i + 1;
      }
    }
    lines.add(new Line(Arrays.copyOfRange(file, start, file.length), ""));
    return lines;
  }

  /** The lines as UTF-8 text, numbered as the file's lines are (line n at index n - 1). */
  public static List<String> texts(List<Line> lines) {
    return lines.stream().map(Line::text).toList();
  }

  /** The bytes of {@code lines}, each followed by its own ending. */
  public static byte[] join(List<Line> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines.forEach(line -> line.writeTo(out));
    return out.toByteArray();
  }
}
