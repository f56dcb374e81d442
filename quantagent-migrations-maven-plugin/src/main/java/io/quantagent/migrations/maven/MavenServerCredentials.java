package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.UrlMasker;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.plugin.MojoFailureException;

/**
 * User and password from a {@code <server>} of settings.xml, decrypted when they were encrypted with
 * {@code mvn --encrypt-password}, so that no credential needs to be in the POM or on the command line.
 */
record MavenServerCredentials(String user, String password) {

  static MavenServerCredentials lookup(Settings settings, SettingsDecrypter decrypter, String serverId)
      throws MojoFailureException {
    Server server = settings.getServer(serverId);
    if (server == null) {
      throw new MojoFailureException("-Dquantagent.serverId=" + serverId + " names no <server> in settings.xml."
          + " Add <server><id>" + serverId + "</id><username>...</username><password>...</password></server> to"
          + " ~/.m2/settings.xml, or fix the id.");
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new MojoFailureException("Cannot decrypt the password of <server> " + serverId + " in settings.xml: "
            + problem.getMessage() + ". Check ~/.m2/settings-security.xml (mvn --encrypt-master-password).");
      }
    }
    Server decrypted = result.getServer();
    return new MavenServerCredentials(decrypted.getUsername(), decrypted.getPassword());
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "MavenServerCredentials[user=" + user + ", password=" + (password == null ? null : UrlMasker.MASK) + "]";
  }
}
