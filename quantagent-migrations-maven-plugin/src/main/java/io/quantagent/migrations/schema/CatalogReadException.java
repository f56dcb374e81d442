package io.quantagent.migrations.schema;

/** A schema's catalog could not be read: no such schema, or the database failed. */
public class CatalogReadException extends RuntimeException {
  public CatalogReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
