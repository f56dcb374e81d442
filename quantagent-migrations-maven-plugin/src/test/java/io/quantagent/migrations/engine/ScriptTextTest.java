package io.quantagent.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A script's bytes as its text: UTF-8 without a byte order mark, and what is not UTF-8 named, not garbled. */
class ScriptTextTest {
  private static final String SCRIPT = "-- // caf\u00e9\ninsert into menu values ('caf\u00e9');\n-- //@UNDO\n";

  @Test
  void theByteOrderMarkOfAWindowsEditorIsNotPartOfTheText() {
    byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] withMark = concat(mark, SCRIPT.getBytes(StandardCharsets.UTF_8));
    assertEquals(SCRIPT, ScriptText.decode(withMark, "1_cafe.sql"));
    assertEquals(SCRIPT, ScriptText.decode(SCRIPT.getBytes(StandardCharsets.UTF_8), "1_cafe.sql"));
  }

  @Test
  void aFileInWindows1252IsRefusedWithTheLineOfItsFirstForeignByte() {
    byte[] windows1252 = SCRIPT.getBytes(Charset.forName("windows-1252"));
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> ScriptText.decode(windows1252, "1_cafe.sql"));
    assertEquals("1_cafe.sql is not UTF-8 text: line 1 has the byte E9, which UTF-8 has no character for (a file"
        + " saved as Windows-1252 or ISO-8859-1 looks like this). Save it as UTF-8, then run again.", e.getMessage());
    byte[] laterLine = ("-- // menu\n" + SCRIPT.substring(SCRIPT.indexOf('\n') + 1))
        .getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(assertThrows(InvalidScriptException.class, () -> ScriptText.decode(laterLine, "2_menu.sql")).getMessage()
        .startsWith("2_menu.sql is not UTF-8 text: line 2 has the byte E9,"));
  }

  @Test
  void aFileInUtf16IsNamedAsSuch() {
    byte[] utf16 = SCRIPT.getBytes(StandardCharsets.UTF_16LE);
    byte[] notepadUnicode = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16);
    InvalidScriptException e = assertThrows(InvalidScriptException.class,
        () -> ScriptText.decode(notepadUnicode, "1_cafe.sql"));
    assertEquals("1_cafe.sql is UTF-16 text, not UTF-8 (it starts with UTF-16's byte order mark; Notepad calls it"
        + " 'Unicode'). Save it as UTF-8, then run again.", e.getMessage());
    assertTrue(assertThrows(InvalidScriptException.class, () -> ScriptText.decode(
        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, SCRIPT.getBytes(StandardCharsets.UTF_16BE)), "1_cafe.sql"))
        .getMessage().contains("is UTF-16 text"));
  }

  @Test
  void aReplacementCharacterWrittenInUtf8IsText() {
    String script = "-- // unknown\ninsert into symbols values ('\uFFFD');\n-- //@UNDO\n";
    assertEquals(script, ScriptText.decode(script.getBytes(StandardCharsets.UTF_8), "1_unknown.sql"));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
