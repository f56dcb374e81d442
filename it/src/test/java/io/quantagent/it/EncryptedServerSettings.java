package io.quantagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.cipher.PlexusCipherException;

/**
 * Writes what {@code mvn --encrypt-master-password} and {@code mvn --encrypt-password} would leave: a
 * settings-security.xml with an encrypted master password, and a settings file whose {@code <server>} holds
 * the database password encrypted with it.
 */
public final class EncryptedServerSettings {
  private static final String MASTER = "it-master-password";

  private EncryptedServerSettings() {}

  public static void write(Path basedir, String serverId, Object user, Object password)
      throws IOException, PlexusCipherException {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    String master = cipher.encryptAndDecorate(MASTER, "settings.security");
    Files.writeString(basedir.resolve("settings-security.xml"),
        "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n", StandardCharsets.UTF_8);
    String encrypted = cipher.encryptAndDecorate(String.valueOf(password), MASTER);
    Files.writeString(basedir.resolve("server-settings.xml"), "<settings><servers><server>"
        + "<id>" + serverId + "</id><username>" + user + "</username><password>" + encrypted + "</password>"
        + "</server></servers></settings>\n", StandardCharsets.UTF_8);
  }
}
