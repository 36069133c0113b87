package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the up-to-date check ({@link BuildFingerprint}) asks a registry, through jib's registry
 * client with the build's credentials: a registry base's identity, and whether a registry target's
 * tags still name the image the last build pushed. A registry that cannot be asked (down, refusing
 * the credentials, lacking the tag) gives no answer: that is logged, and the build runs as it would
 * without a stamp, failing or succeeding as it then does.
 */
final class RegistryIdentity {
  /** jib's platform for a build without {@code <platforms>}: what it takes of an image index. */
  static final Platform DEFAULT_PLATFORM = new Platform("linux", "amd64");

  private RegistryIdentity() {}

  /**
   * A registry base, known by the digest of the image manifest its tag names for the build's
   * platform, so that a tag that moves is a new base; read with one manifest request.
   */
  static final class Base {
    private final RegistryIndex registry;
    private final RegistryIndex.PlatformManifest manifest;
    private final Consumer<LogEvent> log;
    // Null until asked: a build that is up to date never needs it.
    private Optional<String> imageId;

    private Base(
        RegistryIndex registry, RegistryIndex.PlatformManifest manifest, Consumer<LogEvent> log) {
      this.registry = registry;
      this.manifest = manifest;
      this.log = log;
      this.imageId = manifest.configDigest().isPresent() ? manifest.configDigest() : null;
    }

    /** The digest of the base's image manifest for the build's platform. */
    String manifestDigest() {
      return manifest.digest();
    }

    /** {@link #imageId} when the manifest itself names the config: known without asking. */
    Optional<String> imageIdRead() {
      return manifest.configDigest();
    }

    /**
     * The image ID the Docker daemon gives the base once pulled: the digest of its config as the
     * registry serves it (jib's tar of the base holds a config jib wrote again, another digest).
     * Read when first asked, only when the tag names an index (one more request); empty when it
     * cannot be read.
     */
    Optional<String> imageId() {
      if (imageId == null) {
        try {
          imageId = registry.configDigest(manifest.digest());
        } catch (ImageBuildException | IOException e) {
          log.accept(LogEvent.info("The base's config digest is unknown: " + e.getMessage()));
          imageId = Optional.empty();
        }
      }
      return imageId;
    }
  }

  /** The base {@code from} for {@code platform}, or empty (logged) when the registry cannot say. */
  static Optional<Base> base(ImageLocation from, Platform platform, Consumer<LogEvent> log) {
    try {
      RegistryIndex registry = RegistryIndex.connect(from, false, log);
      Optional<RegistryIndex.PlatformManifest> manifest = registry.platformManifest(platform);
      if (manifest.isEmpty()) {
        log.accept(
            LogEvent.lifecycle(
                "Base image " + from + " has no " + platform + " image: checking nothing"));
      }
      return manifest.map(found -> new Base(registry, found, log));
    } catch (ImageBuildException | IOException e) {
      unanswered(log, e);
      return Optional.empty();
    }
  }

  /**
   * The digest of the manifest {@code from}'s tag names, whatever it is (an image index names each
   * platform's image by digest, so one of them moving moves it): one manifest request; empty
   * (logged) when the registry cannot say or has no such tag.
   */
  static Optional<String> tagDigest(ImageLocation from, Consumer<LogEvent> log) {
    String tag = from.registryReference().getQualifier();
    try {
      Optional<String> digest = RegistryIndex.connect(from, false, log).digestOf(tag);
      if (digest.isEmpty()) {
        unanswered(log, new IOException("'" + from + "' has no manifest under tag " + tag));
      }
      return digest;
    } catch (ImageBuildException | IOException e) {
      unanswered(log, e);
      return Optional.empty();
    }
  }

  /**
   * Whether the registry of {@code to} names under each tag of {@code digests} the digest given for
   * it: one manifest request per tag; false when any differs, is gone or cannot be read.
   */
  static boolean holds(ImageLocation to, Map<String, String> digests, Consumer<LogEvent> log) {
    try {
      RegistryIndex registry = RegistryIndex.connect(to, false, log);
      for (Map.Entry<String, String> tag : digests.entrySet()) {
        if (!registry.digestOf(tag.getKey()).equals(Optional.of(tag.getValue()))) {
          return false;
        }
      }
      return true;
    } catch (ImageBuildException | IOException e) {
      unanswered(log, e);
      return false;
    }
  }

  private static void unanswered(Consumer<LogEvent> log, Exception e) {
    log.accept(
        LogEvent.lifecycle(
            "Cannot check whether the image is up to date (" + e.getMessage() + "): building"));
  }
}
