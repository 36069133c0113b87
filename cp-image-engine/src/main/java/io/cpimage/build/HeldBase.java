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
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A base built on for the daemon that already holds its layers, which are then neither saved,
 * pulled nor compressed: a {@code docker://} base in that daemon, or a registry or {@code tar://}
 * base that the daemon holds under its image ID (pulled there before, or saved from it). jib builds
 * on it from a base cache of its own, holding the base's config (as the daemon reports it, {@link
 * DaemonImageConfig}, or as the registry serves it) and, for each layer, a placeholder blob that no
 * tar ever carries: {@link DaemonLoad} leaves them out of the load, and refuses rather than send
 * one. The file tree the plan reads comes from {@code docker export} of a container created from
 * the base and never started: the flattened tree, streamed, which is a third of the time of {@code
 * docker save} (the daemon copies every layer before it sends the first byte). Both are kept by
 * image ID, so a base is read once.
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

  /**
   * jib's cache of held bases whose exact config the build has ({@link #loadServed}, {@link
   * #ofTar}), apart from {@link #jibCache}'s rebuilt ones: a base held under one ID may be read
   * both ways, and each way must find its own config.
   */
  static Path exactConfigCache(ImageSpec.Settings settings) {
    return settings.downloadCache().resolve("daemon-held-bases").resolve("exact-configs");
  }

  /** The {@code docker://} base {@code from}, whose image ID in the daemon is {@code imageId}. */
  static BaseImage load(
      ImageLocation from, String imageId, ImageSpec.Settings settings, Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    Path jibCache = jibCache(settings);
    byte[] config =
        config(
            imageId,
            jibCache,
            () -> {
              JsonNode inspect = JSON.readTree(DockerCli.inspect(from.reference(), WHERE)).path(0);
              return DaemonImageConfig.of(inspect, DockerCli.history(from.reference(), WHERE));
            });
    BaseFilesystem filesystem =
        filesystem(
            from.reference(),
            imageId,
            BaseImage.diffIds(config),
            settings,
            "Base image " + from + ": held by the Docker daemon",
            log);
    return BaseImage.held(from, imageId, config, filesystem, jibCache);
  }

  /**
   * The registry base {@code from}, which the daemon holds already: pulled there before, it has the
   * image ID {@code imageId}, the digest of its config in the registry. It is built on as {@link
   * #load} builds on a {@code docker://} base, but from {@code served}, the config as the registry
   * serves it, so the image is the one a pulled base gives, ID and all.
   */
  static BaseImage loadServed(
      ImageLocation from,
      String imageId,
      ConfigSource served,
      ImageSpec.Settings settings,
      Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    Path jibCache = exactConfigCache(settings);
    byte[] config = config(imageId, jibCache, served);
    BaseFilesystem filesystem =
        filesystem(
            imageId,
            imageId,
            BaseImage.diffIds(config),
            settings,
            "Base image " + from + ": held by the Docker daemon (" + imageId + "), not pulled",
            log);
    return BaseImage.held(from, imageId, config, filesystem, jibCache);
  }

  /**
   * The {@code tar://} base {@code read} (its file tree read from the tar), which the daemon holds
   * already under its image ID (the tar was saved from it, or loaded into it): built on where it
   * is, its layers neither compressed nor sent, with {@code config}, the tar's own.
   */
  static BaseImage ofTar(
      BaseImage read, ConfigSource config, ImageSpec.Settings settings, Consumer<LogEvent> log)
      throws ImageBuildException, IOException {
    Path jibCache = exactConfigCache(settings);
    byte[] bytes = config(read.imageId(), jibCache, config);
    log.accept(
        LogEvent.lifecycle(
            "Base image "
                + read.location()
                + ": held by the Docker daemon ("
                + read.imageId()
                + "), its layers not compressed"));
    return BaseImage.held(read.location(), read.imageId(), bytes, read.filesystem(), jibCache);
  }

  /** Where a base's config comes from when jib's cache lacks it. */
  interface ConfigSource {
    byte[] config() throws ImageBuildException, IOException;
  }

  /**
   * The file tree of the daemon's image {@code reference} (its name, or its ID), whose layers have
   * {@code diffIds}: from the cache by its ID, or from the tree a cp-image build left in the image
   * ({@link ImageFileTree}), or exported; kept in the cache. {@code held} begins the log line that
   * says which.
   */
  private static BaseFilesystem filesystem(
      String reference,
      String imageId,
      List<String> diffIds,
      ImageSpec.Settings settings,
      String held,
      Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    BaseImageCache cache = BaseImageCache.in(settings.downloadCache());
    Optional<BaseFilesystem> kept = cache.filesystem(imageId);
    if (kept.isPresent()) {
      log.accept(LogEvent.lifecycle(held + ", its file tree from the cache"));
      return kept.get();
    }
    BaseFilesystem tree =
        DockerCli.inCreatedContainer(
            reference,
            WHERE,
            container -> {
              Optional<byte[]> treeFile = DockerCli.copyFile(container, ImageFileTree.IMAGE_PATH);
              Optional<BaseFilesystem> own =
                  ImageFileTree.use(treeFile, diffIds, held + ", ", "reading its file tree", log);
              if (own.isPresent()) {
                return own.get();
              }
              if (treeFile.isEmpty()) {
                log.accept(LogEvent.lifecycle(held + ", reading its file tree"));
              }
              BaseFilesystem exported = BaseFilesystem.empty();
              DockerCli.exportFiles(container, reference, WHERE, exported::applyLayer);
              return exported;
            });
    cache.keep(imageId, tree);
    return tree;
  }

  /**
   * The base's config in jib's held cache {@code jibCache}, written there from {@code source} with
   * a placeholder per layer when missing. The placeholders go first: jib takes the base from this
   * cache only when the config is there.
   */
  private static byte[] config(String imageId, Path jibCache, ConfigSource source)
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
    byte[] config = source.config();
    ContainerConfigurationTemplate template =
        JsonTemplateMapper.readJson(config, ContainerConfigurationTemplate.class);
    try {
      for (int layer = 0; layer < template.getLayerCount(); layer++) {
        DescriptorDigest diffId = template.getLayerDiffId(layer);
        cache.writeTarLayer(diffId, Blobs.from(placeholder(diffId)));
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the daemon's layers of " + imageId + ": " + e.getMessage(), e);
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
