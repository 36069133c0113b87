package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import io.cpimage.artifact.ContentHashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The image index of a registry image, through jib's registry client: which platforms a base holds,
 * which image manifest its tag names for a platform, and, for a target, the digest a tag names and
 * the manifest list that names each platform's image pushed before it (jib-core pushes single
 * images; an index of images it did not build itself has no public API).
 */
final class RegistryIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImageLocation location;
  private final RegistryClient client;

  private RegistryIndex(ImageLocation location, RegistryClient client) {
    this.location = location;
    this.client = client;
  }

  /** A client for {@code location}'s repository, logged in for pulling or for pushing. */
  static RegistryIndex connect(ImageLocation location, boolean push, Consumer<LogEvent> log)
      throws ImageBuildException {
    return new RegistryIndex(location, client(location, push, log));
  }

  /**
   * jib's registry client for {@code location}'s repository, logged in for pulling or for pushing
   * with the location's credentials; a registry that does not answer is refused here, before
   * anything is read or sent.
   */
  static RegistryClient client(ImageLocation location, boolean push, Consumer<LogEvent> log)
      throws ImageBuildException {
    ImageReference reference = location.registryReference();
    FailoverHttpClient http =
        new FailoverHttpClient(
            location.allowInsecureRegistries(),
            // As jib: credentials over plain HTTP only when asked for.
            Boolean.getBoolean("sendCredentialsOverHttp"),
            log);
    RegistryClient.Factory factory =
        RegistryClient.factory(
                EventHandlers.builder().add(LogEvent.class, log).build(),
                reference.getRegistry(),
                reference.getRepository(),
                http)
            .setUserAgent("cp-image");
    Optional<Credential> credential = credential(location, log);
    credential.ifPresent(factory::setCredential);
    RegistryClient client = factory.newRegistryClient();
    try {
      // As jib: without a bearer token, the credential (if any) goes as basic auth.
      if (!(push ? client.doPushBearerAuth() : client.doPullBearerAuth())
          && credential.isPresent()) {
        client.configureBasicAuth();
      }
    } catch (RegistryException e) {
      throw ContainerBuild.failure("logging in to " + reference.getRegistry(), e);
    } catch (IOException e) {
      throw new ImageBuildException(
          "the registry "
              + reference.getRegistry()
              + " of '"
              + location
              + "' does not answer ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); start it, or correct the host and port in the image name",
          e);
    }
    return client;
  }

  private static Optional<Credential> credential(ImageLocation location, Consumer<LogEvent> log)
      throws ImageBuildException {
    for (CredentialRetriever retriever : RegistryCredentials.retrievers(location, log)) {
      try {
        Optional<Credential> credential = retriever.retrieve();
        if (credential.isPresent()) {
          return credential;
        }
      } catch (CredentialRetrievalException e) {
        throw ContainerBuild.failure("reading the credentials of " + location, e);
      }
    }
    return Optional.empty();
  }

  /**
   * The platforms the image holds: each of its index's manifests, or the one platform of a single
   * image (from its config).
   */
  Set<Platform> platforms() throws ImageBuildException, IOException {
    Set<Platform> platforms = new LinkedHashSet<>();
    try {
      ManifestTemplate manifest =
          client.pullManifest(location.registryReference().getQualifier()).getManifest();
      if (manifest instanceof V22ManifestListTemplate list) {
        for (V22ManifestListTemplate.ManifestDescriptorTemplate entry : list.getManifests()) {
          if (entry.getPlatform() != null) {
            platforms.add(
                new Platform(entry.getPlatform().getOs(), entry.getPlatform().getArchitecture()));
          }
        }
      } else if (manifest instanceof OciIndexTemplate index) {
        for (OciIndexTemplate.ManifestDescriptorTemplate entry : index.getManifests()) {
          if (entry.getPlatform() != null) {
            platforms.add(
                new Platform(entry.getPlatform().getOs(), entry.getPlatform().getArchitecture()));
          }
        }
      } else if (manifest instanceof BuildableManifestTemplate image) {
        ByteArrayOutputStream config = new ByteArrayOutputStream();
        client
            .pullBlob(image.getContainerConfiguration().getDigest(), size -> {}, size -> {})
            .writeTo(config);
        JsonNode json = JSON.readTree(config.toByteArray());
        platforms.add(new Platform(json.path("os").asText(), json.path("architecture").asText()));
      }
    } catch (RegistryException e) {
      throw ContainerBuild.failure("<from><image> '" + location + "': reading its manifest", e);
    }
    return platforms;
  }

  /**
   * The image manifest the location's tag names for {@code platform}, with one request: the tag's
   * own manifest when it is one image (jib builds on it whatever its platform), or that platform's
   * entry of an image index; empty when the index has no such entry.
   */
  Optional<PlatformManifest> platformManifest(Platform platform)
      throws ImageBuildException, IOException {
    ManifestAndDigest<ManifestTemplate> tagged =
        pull(location.registryReference().getQualifier(), "reading its manifest");
    if (tagged.getManifest() instanceof BuildableManifestTemplate image) {
      return Optional.of(
          new PlatformManifest(
              tagged.getDigest().toString(),
              Optional.of(image.getContainerConfiguration().getDigest().toString())));
    }
    return entryFor(tagged.getManifest(), platform)
        .map(digest -> new PlatformManifest(digest, Optional.empty()));
  }

  /**
   * An image manifest's digest, and its config's digest when the manifest was read (a tag that
   * names an index names the image by digest only).
   */
  record PlatformManifest(String digest, Optional<String> configDigest) {}

  /**
   * The digest of {@code platform}'s first entry in an image index (Docker's manifest list or an
   * OCI index); empty for an index without it, or any other manifest.
   */
  static Optional<String> entryFor(ManifestTemplate manifest, Platform platform) {
    if (!(manifest instanceof ManifestListTemplate index)) {
      return Optional.empty();
    }
    return index.getDigestsForPlatform(platform.architecture(), platform.os()).stream().findFirst();
  }

  /** The digest of the config of the image manifest {@code digest}: one request. */
  Optional<String> configDigest(String digest) throws ImageBuildException, IOException {
    ManifestTemplate manifest = pull(digest, "reading its image manifest " + digest).getManifest();
    return manifest instanceof BuildableManifestTemplate image
        ? Optional.of(image.getContainerConfiguration().getDigest().toString())
        : Optional.empty();
  }

  /**
   * The image config whose digest is {@code digest}, as the registry serves it (one request),
   * checked against that digest.
   */
  byte[] config(String digest) throws ImageBuildException, IOException {
    ByteArrayOutputStream config = new ByteArrayOutputStream();
    try {
      client.pullBlob(DescriptorDigest.fromDigest(digest), size -> {}, size -> {}).writeTo(config);
    } catch (DigestException e) {
      throw new IOException("'" + location + "': no config digest: " + digest, e);
    }
    if (!digest.equals("sha256:" + ContentHashes.ofBytes(config.toByteArray()))) {
      throw new IOException("'" + location + "': the registry served another config for " + digest);
    }
    return config.toByteArray();
  }

  /**
   * The digest of the manifest {@code tag} names in the location's repository, with one request;
   * empty when the registry has none under it.
   */
  Optional<String> digestOf(String tag) throws ImageBuildException, IOException {
    try {
      return client.checkManifest(tag).map(found -> found.getDigest().toString());
    } catch (RegistryException e) {
      throw ContainerBuild.failure("'" + location + "': reading the manifest of tag " + tag, e);
    }
  }

  private ManifestAndDigest<ManifestTemplate> pull(String reference, String what)
      throws ImageBuildException, IOException {
    try {
      return client.pullManifest(reference);
    } catch (RegistryException e) {
      throw ContainerBuild.failure("'" + location + "': " + what, e);
    }
  }

  /** One platform's image, pushed by its digest, for the index. */
  record PlatformImage(Platform platform, DescriptorDigest digest) {}

  /** The layers of the image manifest {@code digest}, bottom first: each one's digest and size. */
  List<BuildableManifestTemplate.ContentDescriptorTemplate> layers(String digest)
      throws IOException, RegistryException {
    ManifestTemplate manifest = client.pullManifest(digest).getManifest();
    if (!(manifest instanceof BuildableManifestTemplate image)) {
      throw new IOException(digest + " is not an image manifest");
    }
    return List.copyOf(image.getLayers());
  }

  /**
   * Pushes the manifest list of {@code images} under the location's tag and each of {@code tags};
   * returns its digest. Each image's manifest is read back from the registry for its size.
   */
  DescriptorDigest pushIndex(List<PlatformImage> images, List<String> tags)
      throws ImageBuildException, IOException {
    try {
      V22ManifestListTemplate list = new V22ManifestListTemplate();
      for (PlatformImage image : images) {
        ManifestAndDigest<ManifestTemplate> pulled = client.pullManifest(image.digest().toString());
        byte[] bytes = JsonTemplateMapper.toByteArray(pulled.getManifest());
        if (!Digests.computeDigest(new java.io.ByteArrayInputStream(bytes))
            .getDigest()
            .equals(image.digest())) {
          // The size must be the pushed manifest's: never index a size we cannot vouch for.
          throw new ImageBuildException(
              "pushing the index of "
                  + location
                  + ": the "
                  + image.platform()
                  + " manifest read back from the registry does not match digest "
                  + image.digest());
        }
        V22ManifestListTemplate.ManifestDescriptorTemplate entry =
            new V22ManifestListTemplate.ManifestDescriptorTemplate();
        entry.setMediaType(pulled.getManifest().getManifestMediaType());
        entry.setDigest(image.digest().toString());
        entry.setSize(bytes.length);
        entry.setPlatform(image.platform().architecture(), image.platform().os());
        list.addManifest(entry);
      }
      List<String> allTags = new ArrayList<>();
      allTags.add(location.registryReference().getQualifier());
      allTags.addAll(tags);
      DescriptorDigest digest = null;
      for (String tag : allTags) {
        digest = client.pushManifest(list, tag);
      }
      return digest;
    } catch (RegistryException e) {
      throw ContainerBuild.failure("pushing the image index of " + location, e);
    }
  }
}
