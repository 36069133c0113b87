package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@code docker://} base built on for the same daemon, which already holds its layers: they are
 * neither saved nor compressed. jib builds on it from a base cache of its own, holding the base's
 * config as the daemon reports it ({@link DaemonImageConfig}) and, for each layer, a placeholder
 * blob that no tar ever carries: {@link DaemonLoad} leaves them out of the load, and refuses rather
 * than send one. The file tree the plan reads comes from {@code docker export} of a container
 * created from the base and never started: the flattened tree, streamed, which is a third of the
 * time of {@code docker save} (the daemon copies every layer before it sends the first byte). Both
 * are kept by image ID, so a base is read once.
 */
final class HeldBase {
  private static final String WHERE = "<from><image>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HeldBase() {}

  /**
   * jib's cache of bases with placeholder layers, which only daemon loads may read; one per
   * bytecode of {@link DaemonImageConfig}, so a config rebuilt another way is never taken for one
   * older code rebuilt.
   */
  static Path jibCache(ImageSpec.Settings settings) {
    return settings
        .downloadCache()
        .resolve("daemon-held-bases")
        .resolve(ContentHashes.ofClass(DaemonImageConfig.class).substring(0, 16));
  }

  /** The base {@code from}, whose image ID in the daemon is {@code imageId}. */
  static BaseImage load(
      ImageLocation from, String imageId, ImageSpec.Settings settings, Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    Path jibCache = jibCache(settings);
    byte[] config = config(from, imageId, jibCache);
    BaseImageCache cache = BaseImageCache.in(settings.downloadCache());
    Optional<BaseFilesystem> kept = cache.filesystem(imageId);
    BaseFilesystem filesystem;
    if (kept.isPresent()) {
      filesystem = kept.get();
      log.accept(
          LogEvent.lifecycle(
              "Base image " + from + ": held by the Docker daemon, its file tree from the cache"));
    } else {
      log.accept(
          LogEvent.lifecycle(
              "Base image " + from + ": held by the Docker daemon, reading its file tree"));
      BaseFilesystem exported = BaseFilesystem.empty();
      DockerCli.exportFiles(from.reference(), WHERE, exported::applyLayer);
      cache.keep(imageId, exported);
      filesystem = exported;
    }
    return BaseImage.held(from, imageId, config, filesystem, jibCache);
  }

  /**
   * The base's config in jib's held cache, written there with a placeholder per layer when missing.
   * The placeholders go first: jib takes the base from this cache only when the config is there.
   */
  private static byte[] config(ImageLocation from, String imageId, Path jibCache)
      throws ImageBuildException, IOException {
    Cache cache;
    DescriptorDigest id;
    try {
      cache = Cache.withDirectory(jibCache);
      id = DescriptorDigest.fromDigest(imageId);
      Optional<ContainerConfigurationTemplate> kept = cache.retrieveLocalConfig(id);
      if (kept.isPresent()) {
        return JsonTemplateMapper.toByteArray(kept.get());
      }
    } catch (CacheDirectoryCreationException | DigestException e) {
      throw new IOException("cannot use jib's cache of held bases " + jibCache + ": " + e, e);
    }
    JsonNode inspect = JSON.readTree(DockerCli.inspect(from.reference(), WHERE)).path(0);
    byte[] config = DaemonImageConfig.of(inspect, DockerCli.history(from.reference(), WHERE));
    ContainerConfigurationTemplate template =
        JsonTemplateMapper.readJson(config, ContainerConfigurationTemplate.class);
    try {
      for (int layer = 0; layer < template.getLayerCount(); layer++) {
        DescriptorDigest diffId = template.getLayerDiffId(layer);
        cache.writeTarLayer(diffId, Blobs.from(placeholder(diffId)));
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the daemon's layers of " + from + ": " + e.getMessage(), e);
    }
    cache.writeLocalConfig(id, template);
    return config;
  }

  /**
   * A layer's stand-in: distinct per layer, so jib names each by its own digest, and not a tar, so
   * a daemon that ever read one would refuse it (its diff ID cannot match) rather than load it.
   */
  static String placeholder(DescriptorDigest diffId) {
    return "cp-image: layer " + diffId + " is held by the Docker daemon, not in this file\n";
  }
}
