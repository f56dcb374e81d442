package io.quantagent.migrations.setup;

import io.quantagent.migrations.db.DatabaseUrl;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database is and whom to log in as, as setup's answers give it, and the {@code DATABASE_URL} it
 * makes: user, password and database percent-encoded, so that a password such as {@code p@ss:w/rd?#%} survives the
 * trip through a URL (typing it into a URL by hand is how Alembic users got it wrong).
 */
public record ServerAddress(String host, int port, String user, String password, String database) {

  /** {@code postgresql://user:password@host:port/database}, encoded; the password is in it, so never log it. */
  public String databaseUrl() {
    return "postgresql://" + encode(user) + (password.isEmpty() ? "" : ":" + encode(password)) + "@" + hostPart()
        + ":" + port + "/" + encode(database);
  }

  /** For messages: where, and as whom, with no sign of the password at all. */
  public String display() {
    return "postgresql://" + encode(user) + "@" + hostPart() + ":" + port + "/" + encode(database);
  }

  /** The same server's {@code postgres} database, where a missing database can be created. */
  ServerAddress maintenance() {
    return new ServerAddress(host, port, user, password, "postgres");
  }

  DatabaseUrl toDatabaseUrl() {
    return DatabaseUrl.parse(databaseUrl());
  }

  @Override
  public String toString() {
    return display();
  }

  private String hostPart() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host; // an IPv6 address
  }

  /** Everything but RFC 3986's unreserved characters, as UTF-8 bytes: safe in userinfo and path alike. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
