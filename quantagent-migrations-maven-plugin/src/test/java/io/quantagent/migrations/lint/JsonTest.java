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
}
