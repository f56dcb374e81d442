package io.quantagent.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A JSON string is the text masked, then escaped: a secret never shows, and the document still parses. */
class JsonTest {

  @Test
  void aSecretIsMaskedBeforeTheTextIsEscaped() throws Exception {
    String text = "SELECT dblink(\"host=risk password=Risk-s3cret-9\", 'x\\y') -- secret=\"\"";

    String json = Json.string(text);

    assertEquals("SELECT dblink(\"host=risk password=****\", 'x\\y') -- secret=\"****\"",
        new ObjectMapper().readValue(json, String.class));
  }

  /** A path is the user's own and holds no secret; the mask would take a Windows one for user:password@host. */
  @Test
  void aPathIsWrittenAsItIs() throws Exception {
    String path = "C:\\ci\\workspace\\trading@2\\src\\main\\sql\\schema.sql";

    assertEquals(path, new ObjectMapper().readValue(Json.path(path), String.class));
    assertEquals("C:****@2\\src\\main\\sql\\schema.sql", new ObjectMapper().readValue(Json.string(path),
        String.class), "what the mask makes of it, and why paths do not pass it");
    assertEquals("null", Json.path(null), "diff's model when it compares the migrations without one");
  }

  /** A script may hold a form feed (an editor's page break) or another control character: JSON takes none raw. */
  @Test
  void controlCharactersAreEscaped() throws Exception {
    String text = "DROP TABLE a;\f\u0001";

    String json = Json.string(text);

    assertEquals("\"DROP TABLE a;\\u000c\\u0001\"", json);
    assertEquals(text, new ObjectMapper().readValue(json, String.class));
  }
}
