package io.cpimage.build;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives a registry image its credential sources in the Jib plugins' order: what the pom and
 * settings.xml gave (in the order given), then the Docker config files and credential helpers. jib
 * logs which source it used ("Using credentials from ..."), never the secret.
 */
final class RegistryCredentials {
  private RegistryCredentials() {}

  static RegistryImage registryImage(ImageLocation location, Consumer<LogEvent> log) {
    RegistryImage image = RegistryImage.named(location.registryReference());
    retrievers(location, log).forEach(image::addCredentialRetriever);
    return image;
  }

  /** The location's credential sources in the order to try them, as jib's retrievers. */
  static List<CredentialRetriever> retrievers(ImageLocation location, Consumer<LogEvent> log) {
    ImageReference reference = location.registryReference();
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, log);
    List<CredentialRetriever> retrievers = new ArrayList<>();
    for (CredentialSource source : location.credentials()) {
      if (source instanceof CredentialSource.Known known) {
        retrievers.add(
            factory.known(Credential.from(known.username(), known.password()), known.source()));
      } else if (source instanceof CredentialSource.Helper helper) {
        retrievers.add(
            helper.helper().contains("/")
                ? factory.dockerCredentialHelper(Path.of(helper.helper()))
                : factory.dockerCredentialHelper(helper.helper()));
      }
    }
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    if (dockerConfig != null) {
      retrievers.add(factory.dockerConfig(Path.of(dockerConfig, "config.json")));
    }
    retrievers.add(factory.dockerConfig());
    retrievers.add(factory.wellKnownCredentialHelpers());
    return retrievers;
  }
}
