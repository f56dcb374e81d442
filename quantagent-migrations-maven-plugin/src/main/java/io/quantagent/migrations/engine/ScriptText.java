package io.quantagent.migrations.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A script file's bytes (a migration's, or the model's) as the text every reader of it sees: UTF-8, without the byte
 * order mark that Windows editors write (PostgreSQL would take it for part of the first statement, and the checksum
 * would call it an edit). Bytes that are not UTF-8 are refused, naming their line: decoded leniently they would reach
 * the database as U+FFFD in place of each character, silently, in data as well as in names.
 */
public final class ScriptText {
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final char REPLACEMENT = '\uFFFD';

  private ScriptText() {}

  /**
   * @param name what the message calls the file: a script's file name, or "The model ..."
   * @throws InvalidScriptException when the bytes are not UTF-8
   */
  public static String decode(byte[] bytes, String name) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    // A script with a real U+FFFD in it is rare; only then is the strict decoder worth its cost.
    if (text.indexOf(REPLACEMENT) >= 0) {
      refuseMalformed(bytes, name);
    }
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  private static void refuseMalformed(byte[] bytes, String name) {
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      throw new InvalidScriptException(name + " is UTF-16 text, not UTF-8 (it starts with UTF-16's byte order mark;"
          + " Notepad calls it 'Unicode'). Save it as UTF-8, then run again.");
    }
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = strict.decode(in, CharBuffer.allocate(bytes.length), true);
    if (!result.isError()) {
      return; // every U+FFFD was written as one
    }
    int at = in.position();
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    String bad = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, at, at + result.length());
    throw new InvalidScriptException(name + " is not UTF-8 text: line " + line + " has the byte"
        + (result.length() == 1 ? " " : "s ") + bad + ", which UTF-8 has no character for (a file saved as"
        + " Windows-1252 or ISO-8859-1 looks like this). Save it as UTF-8, then run again.");
  }
}
