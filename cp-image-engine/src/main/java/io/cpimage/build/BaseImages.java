package io.cpimage.build;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.TarImage;
import io.cpimage.artifact.CacheFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.io.input.TeeInputStream;

/**
 * Makes the base image available as a docker-save tar, whatever its location: the layer plan reads
 * owners and modes from its layers, and jib then builds from that tar. A daemon image comes from
 * {@code docker save}, once per image ID, its layers then gzipped for jib ({@link
 * GzippedLayersTar}), unless the cache knows its image ID: then neither the plan nor jib needs its
 * layers (see {@link DaemonBase}); and never when the image goes only into that daemon ({@link
 * HeldBase}). A {@code tar://} base with plain layers gets a gzipped copy too, once per image ID. A
 * registry image is pulled by jib into a tar, by the digest the up-to-date check read ({@link
 * BuildFingerprint#base}), and not again while its tag names the same image. A registry or {@code
 * tar://} base that the daemon the image goes into holds already is neither pulled nor gzipped: it
 * is built on where it is ({@link HeldBase#loadServed}, {@link HeldBase#ofTar}).
 */
final class BaseImages {
  private static final String WHERE = "<from><image>";

  private BaseImages() {}

  static BaseImage load(ImageLocation from, ImageSpec.Settings settings, Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    return load(from, settings, Optional.empty(), log);
  }

  /**
   * As {@link #load(ImageLocation, ImageSpec.Settings, Consumer)}, with the {@code docker://}
   * base's image ID already asked of the daemon (by the build's fingerprint), so not asked again;
   * for a registry base, the ID the daemon gives it (its config's digest in the registry).
   */
  static BaseImage load(
      ImageLocation from,
      ImageSpec.Settings settings,
      Optional<String> knownId,
      Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    return load(from, settings, knownId, Optional.empty(), log);
  }

  /**
   * As {@link #load(ImageLocation, ImageSpec.Settings, Optional, Consumer)}, with {@code onlyInto},
   * the daemon the image goes into when it goes nowhere else: a {@code docker://} base it holds is
   * then not saved at all, a registry base it holds (pulled there before, so known by {@code
   * knownId}) not pulled, and a {@code tar://} base it holds (saved from it, or loaded into it) not
   * gzipped for jib ({@link HeldBase}).
   */
  static BaseImage load(
      ImageLocation from,
      ImageSpec.Settings settings,
      Optional<String> knownId,
      Optional<DaemonImages> onlyInto,
      Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    Path directory = Files.createDirectories(settings.workDirectory().resolve("base"));
    Path tar = directory.resolve("base-image.tar");
    BaseImageCache cache = BaseImageCache.in(settings.downloadCache());
    switch (from.kind()) {
      case TAR -> {
        BaseImage read = BaseImage.read(from, from.tarPath(), directory, WHERE, cache, log);
        if (onlyInto.isPresent() && onlyInto.get().holds(read.imageId())) {
          return HeldBase.ofTar(read, () -> tarConfig(read, cache), settings, log);
        }
        return withGzippedLayers(read, directory, log);
      }
      case DOCKER -> {
        // docker save of a CP base takes a while: reuse the last save while the image ID is the
        // same.
        Path savedId = directory.resolve("base-image.id");
        String id =
            knownId.isPresent() ? knownId.get() : DockerCli.imageId(from.reference()).orElse("");
        // jib takes a daemon base by name only (docker save also takes an image ID).
        boolean named = !id.isEmpty() && namesAnImage(from.reference());
        if (named && onlyInto.isPresent()) {
          return HeldBase.load(from, id, settings, log);
        }
        Optional<BaseImage> cached = named ? BaseImage.cached(from, id, cache) : Optional.empty();
        if (cached.isPresent()) {
          log.accept(
              LogEvent.lifecycle(
                  "Base image " + from + ": its config and file tree from the cache, not saved"));
          return cached.get();
        }
        if (!id.isEmpty() && Files.isRegularFile(tar) && namesId(savedId, id)) {
          log.accept(LogEvent.lifecycle("Base image " + from + " unchanged since the last build"));
          return BaseImage.read(from, tar, directory, WHERE, cache, log);
        }
        log.accept(
            LogEvent.lifecycle(
                "Saving base image "
                    + from
                    + " from the Docker daemon, its layers gzipped for jib on every core as they"
                    + " come"));
        Files.deleteIfExists(savedId);
        Path plain = directory.resolve("base-image.plain.tar");
        try {
          GzippedLayersTar.Compressed compressed = saveGzipped(from.reference(), plain, tar);
          log.accept(
              LogEvent.lifecycle(
                  "Saved base image " + from + " (" + LayerTable.size(Files.size(plain)) + ")"));
          log.accept(LogEvent.lifecycle(compressedSummary(compressed)));
          // The file tree is read from the plain layers; jib gets them gzipped.
          BaseImage base = BaseImage.read(from, plain, directory, WHERE, cache, log);
          writeId(savedId, id);
          return base.at(tar);
        } finally {
          Files.deleteIfExists(plain);
        }
      }
      default -> {
        if (knownId.isPresent() && onlyInto.isPresent() && onlyInto.get().holds(knownId.get())) {
          String id = knownId.get();
          return HeldBase.loadServed(
              from, id, () -> servedConfig(from, id, cache, log), settings, log);
        }
        // The registry's config digest (knownId, asked by the fingerprint) fixes the image, so a
        // tar pulled for it serves until the tag names another image.
        BaseImage pulled = pullOnce(from, null, knownId, directory, settings, cache, log);
        // jib's tar holds the config as jib wrote it again; the daemon knows the image by the
        // registry's (knownId), which lets a load skip the layers of a base the daemon pulled.
        return knownId.isPresent() ? pulled.knownAs(knownId.get()) : pulled;
      }
    }
  }

  /** The config of the {@code tar://} base {@code read}: as kept when it was read, or its tar's. */
  private static byte[] tarConfig(BaseImage read, BaseImageCache cache) throws IOException {
    Optional<byte[]> kept = cache.config(read.imageId());
    return kept.isPresent() ? kept.get() : BaseImage.configBytes(read.tar());
  }

  /**
   * The config of the registry base {@code from} whose digest is {@code id}, as the registry serves
   * it: kept in {@code cache} by the first build that asked, so later ones need no request.
   */
  private static byte[] servedConfig(
      ImageLocation from, String id, BaseImageCache cache, Consumer<LogEvent> log)
      throws ImageBuildException, IOException {
    Optional<byte[]> kept = cache.config(id);
    if (kept.isPresent()) {
      return kept.get();
    }
    byte[] config = RegistryIndex.connect(from, false, log).config(id);
    cache.keepConfig(id, config);
    return config;
  }

  /**
   * The registry base {@code from} for {@code platform} (null: jib's default), pulled by jib into
   * {@code directory}'s {@code base-image.tar}, or not pulled again when an earlier build pulled
   * the image {@code key} names there (a digest that fixes the image; empty: pulled every time).
   * The key is recorded only once the tar is whole.
   */
  static BaseImage pullOnce(
      ImageLocation from,
      Platform platform,
      Optional<String> key,
      Path directory,
      ImageSpec.Settings settings,
      BaseImageCache cache,
      Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    Path tar = directory.resolve("base-image.tar");
    Path partial = directory.resolve("base-image.tar.partial");
    Path pulledId = directory.resolve("base-image.id");
    String named = from + (platform == null ? "" : " for " + platform);
    if (key.isPresent() && Files.isRegularFile(tar) && namesId(pulledId, key.get())) {
      log.accept(
          LogEvent.lifecycle(
              "Base image " + named + " unchanged since the last build: not pulled again"));
      return BaseImage.read(from, tar, directory, WHERE, cache, log);
    }
    log.accept(LogEvent.lifecycle("Pulling base image " + named));
    Files.deleteIfExists(pulledId);
    pull(from, platform, settings.offline(), partial, log);
    Files.move(partial, tar, StandardCopyOption.REPLACE_EXISTING);
    BaseImage pulled = BaseImage.read(from, tar, directory, WHERE, cache, log);
    if (key.isPresent()) {
      writeId(pulledId, key.get());
    }
    return pulled;
  }

  /**
   * {@code base} read from a copy of its tar whose plain layers are gzipped ({@link
   * GzippedLayersTar}), which jib copies into its cache instead of compressing each layer on one
   * thread. The copy is kept in {@code directory} under the base's image ID, which fixes its layers
   * (the config lists their diff IDs), and reused while the ID is the same. A tar without plain
   * layers (gzipped ones, or an OCI layout's blobs) is given to jib as it is.
   */
  static BaseImage withGzippedLayers(BaseImage base, Path directory, Consumer<LogEvent> log)
      throws IOException {
    Path copy = directory.resolve("base-image.gzipped.tar");
    Path copyId = directory.resolve("base-image.gzipped.id");
    if (Files.isRegularFile(copy) && namesId(copyId, base.imageId())) {
      log.accept(
          LogEvent.lifecycle(
              "Base image " + base.location() + ": its layers gzipped by an earlier build"));
      return base.at(copy);
    }
    // The ID goes first, so that a copy left without its ID is never taken for another base's.
    Files.deleteIfExists(copyId);
    if (!GzippedLayersTar.hasPlainLayers(base.tar())) {
      Files.deleteIfExists(copy);
      return base;
    }
    gzipLayers(base.tar(), copy, log);
    writeId(copyId, base.imageId());
    return base.at(copy);
  }

  /**
   * Records that the copy beside {@code idFile} is of the image {@code id}: written under a
   * temporary name and renamed ({@link CacheFiles}), so a build stopped at any moment leaves the
   * record whole or none, and the next build never reads half an ID.
   */
  private static void writeId(Path idFile, String id) throws IOException {
    CacheFiles.write(idFile, id.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code idFile} records the image {@code id} ({@link #writeId}). */
  private static boolean namesId(Path idFile, String id) {
    return CacheFiles.read(idFile)
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .filter(id::equals)
        .isPresent();
  }

  /**
   * {@code docker save} of {@code reference}, streamed at once into {@code gzipped}, the copy jib
   * builds from ({@link GzippedLayersTar}), and into {@code plain}, the tar as it came, whose
   * layers the plan reads. The daemon copies every layer before it sends the first byte; from then
   * on the gzip runs as the bytes come rather than after the save. {@code gzipped} appears only
   * once the save has succeeded.
   */
  private static GzippedLayersTar.Compressed saveGzipped(String reference, Path plain, Path gzipped)
      throws ImageBuildException, IOException, InterruptedException {
    AtomicReference<GzippedLayersTar.Compressed> compressed = new AtomicReference<>();
    Path partial = gzipped.resolveSibling(gzipped.getFileName() + ".partial");
    try {
      DockerCli.saveTo(
          reference,
          WHERE,
          in -> {
            try (OutputStream copy =
                new BufferedOutputStream(Files.newOutputStream(plain), 1 << 16)) {
              // Not closed: the stream is the caller's, which reads it to its end.
              TeeInputStream both = new TeeInputStream(in, copy);
              compressed.set(GzippedLayersTar.write(both, partial));
              // The tar's end, which the copy's reader leaves unread, completes the plain copy.
              both.transferTo(OutputStream.nullOutputStream());
            }
          });
      Files.move(
          partial, gzipped, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return compressed.get();
  }

  /** Writes {@code plain}'s copy with gzipped layers to {@code copy}, saying so in the log. */
  private static void gzipLayers(Path plain, Path copy, Consumer<LogEvent> log) throws IOException {
    log.accept(LogEvent.lifecycle("Compressing the base's layers for jib on every core"));
    GzippedLayersTar.Compressed compressed = GzippedLayersTar.write(plain, copy);
    log.accept(LogEvent.lifecycle(compressedSummary(compressed)));
  }

  private static String compressedSummary(GzippedLayersTar.Compressed compressed) {
    return "Compressed the base's "
        + compressed.layers()
        + (compressed.layers() == 1 ? " layer" : " layers")
        + ": "
        + LayerTable.size(compressed.plainBytes())
        + " to "
        + LayerTable.size(compressed.gzippedBytes());
  }

  private static boolean namesAnImage(String reference) {
    try {
      ImageReference.parse(reference);
      return true;
    } catch (InvalidImageReferenceException e) {
      return false;
    }
  }

  /**
   * Pulls {@code from} with jib into the docker-save tar {@code partial}: the image of {@code
   * platform} from an index (null: jib's default platform).
   */
  static void pull(
      ImageLocation from, Platform platform, boolean offline, Path partial, Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    try {
      Containerizer containerizer =
          Containerizer.to(TarImage.at(partial).named(from.registryReference()))
              .setToolName("cp-image")
              .setOfflineMode(offline)
              .setAllowInsecureRegistries(from.allowInsecureRegistries())
              .addEventHandler(LogEvent.class, log::accept);
      JibContainerBuilder builder = Jib.from(RegistryCredentials.registryImage(from, log));
      if (platform != null) {
        builder.setPlatforms(Set.of(platform.jib()));
      }
      ContainerBuild.containerizeLeavingNoThreads(builder, containerizer);
    } catch (ExecutionException
        | com.google.cloud.tools.jib.api.CacheDirectoryCreationException
        | com.google.cloud.tools.jib.api.RegistryException e) {
      throw ContainerBuild.failure(WHERE + " '" + from + "': pulling the base image", e);
    }
  }
}
