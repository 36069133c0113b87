package io.cpimage.maven;

import io.cpimage.build.CredentialSource;
import io.cpimage.build.ImageBuildException;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry credentials from settings.xml: the {@code <server>} whose id is the registry host (with
 * its port, then without), password decrypted as Maven does.
 */
final class SettingsCredentials {
  private final Settings settings;
  private final SettingsDecrypter decrypter;

  SettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  /** The server's credentials; {@code where} names the pom element for a decryption error. */
  Optional<CredentialSource> forRegistry(String registry, String where) throws ImageBuildException {
    Server server = settings.getServer(registry);
    if (server == null && registry.contains(":")) {
      server = settings.getServer(registry.substring(0, registry.indexOf(':')));
    }
    if (server == null || server.getUsername() == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity().ordinal() <= SettingsProblem.Severity.ERROR.ordinal()) {
        throw new ImageBuildException(
            where
                + ": the password of settings.xml <server id=\""
                + server.getId()
                + "\"> cannot be decrypted ("
                + problem.getMessage()
                + "); fix it with `mvn --encrypt-password` and settings-security.xml");
      }
    }
    Server decrypted = result.getServer();
    return Optional.of(
        new CredentialSource.Known(
            decrypted.getUsername(),
            decrypted.getPassword(),
            "Maven settings <server id=\"" + server.getId() + "\">"));
  }
}
