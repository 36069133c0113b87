package io.cpimage.build;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Gives a registry image its credential sources in the Jib plugins' order: what the pom and
 * settings.xml gave (in the order given), then the Docker config files and credential helpers. jib
 * logs which source it used ("Using credentials from ..."), never the secret.
 */
final class RegistryCredentials {
  private RegistryCredentials() {}

  static RegistryImage registryImage(ImageLocation location, Consumer<LogEvent> log) {
    ImageReference reference = location.registryReference();
    RegistryImage image = RegistryImage.named(reference);
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, log);
    for (CredentialSource source : location.credentials()) {
      if (source instanceof CredentialSource.Known known) {
        image.addCredentialRetriever(
            factory.known(Credential.from(known.username(), known.password()), known.source()));
      } else if (source instanceof CredentialSource.Helper helper) {
        image.addCredentialRetriever(
            helper.helper().contains("/")
                ? factory.dockerCredentialHelper(Path.of(helper.helper()))
                : factory.dockerCredentialHelper(helper.helper()));
      }
    }
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    if (dockerConfig != null) {
      image.addCredentialRetriever(factory.dockerConfig(Path.of(dockerConfig, "config.json")));
    }
    image.addCredentialRetriever(factory.dockerConfig());
    image.addCredentialRetriever(factory.wellKnownCredentialHelpers());
    return image;
  }
}
