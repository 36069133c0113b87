package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The base image of each declared platform, as the docker-save tar the build reads and jib builds
 * from: pulled from a registry's image index one platform at a time, or taken out of an OCI image
 * layout tar; a docker-save tar and a daemon image hold their one platform. A registry base's
 * platforms are pulled by the digest of the index its tag named when the build checked it, and not
 * pulled again while it names the same index ({@link BaseImages#pullOnce}). A declared platform the
 * base lacks is refused, naming those it has, before anything is pulled or written.
 */
final class PlatformBases {
  private static final String WHERE = "<from><image>";

  private PlatformBases() {}

  /**
   * The bases of {@code platforms} of {@code from}: the spec's base, a registry one by the digest
   * the up-to-date check read ({@link BuildFingerprint#base}).
   */
  static Map<Platform, BaseImage> load(
      ImageSpec spec, ImageLocation from, List<Platform> platforms, Consumer<LogEvent> log)
      throws ImageBuildException, IOException, InterruptedException {
    ImageSpec.Settings settings = spec.settings();
    Map<Platform, BaseImage> bases = new LinkedHashMap<>();
    BaseImageCache cache = BaseImageCache.in(settings.downloadCache());
    switch (from.kind()) {
      case REGISTRY -> {
        if (!settings.offline()) {
          // Offline, jib's cache alone answers, and names a platform it lacks.
          check(from, platforms, RegistryIndex.connect(from, false, log).platforms());
        }
        // Pinned to the index the up-to-date check read, whose digest fixes every platform's image.
        Optional<String> index = from.registryReference().getDigest();
        for (Platform platform : platforms) {
          Path directory = directory(settings, platform);
          bases.put(
              platform,
              BaseImages.pullOnce(from, platform, index, directory, settings, cache, log));
        }
      }
      case TAR -> {
        if (!isOciLayout(from.tarPath())) {
          // A docker-save tar, gzipped or not; BaseImage.read names a missing or damaged file.
          Path directory = directory(settings, platforms.get(0));
          BaseImage base = BaseImage.read(from, from.tarPath(), directory, WHERE, cache, log);
          bases.put(
              platforms.get(0),
              single(from, BaseImages.withGzippedLayers(base, directory, log), platforms));
          return bases;
        }
        try (OciLayoutBase layout = OciLayoutBase.open(from.tarPath())) {
          Map<Platform, String> held = layout.platforms();
          check(from, platforms, held.keySet());
          for (Platform platform : platforms) {
            Path directory = directory(settings, platform);
            Path image = directory.resolve("base-image.tar");
            layout.writeDockerSave(held.get(platform), image);
            bases.put(platform, BaseImage.read(from, image, directory, WHERE, cache));
          }
        } catch (IOException e) {
          throw new ImageBuildException(
              WHERE
                  + " '"
                  + from
                  + "': cannot read it as an OCI image layout ("
                  + e.getMessage()
                  + "); write it again (an OCI layout tar with index.json and its blobs)",
              e);
        }
      }
      default ->
          bases.put(
              platforms.get(0), single(from, BaseImages.load(from, settings, log), platforms));
    }
    return bases;
  }

  /** True for a readable plain tar holding an OCI image layout and no docker-save manifest. */
  private static boolean isOciLayout(Path tar) {
    if (!Files.isRegularFile(tar)) {
      return false;
    }
    try (OciLayoutBase layout = OciLayoutBase.open(tar)) {
      return layout.isOciLayout();
    } catch (IOException e) {
      return false;
    }
  }

  /** A one-platform base (docker-save), checked against the declared platforms. */
  private static BaseImage single(ImageLocation from, BaseImage base, List<Platform> platforms)
      throws ImageBuildException, IOException {
    try (OciLayoutBase saved = OciLayoutBase.open(base.tar())) {
      check(from, platforms, saved.platforms().keySet());
    }
    return base;
  }

  private static Path directory(ImageSpec.Settings settings, Platform platform) throws IOException {
    return Files.createDirectories(settings.workDirectory().resolve("base-" + platform.fileName()));
  }

  /** Refuses a declared platform that {@code from} does not hold, naming those it does. */
  static void check(ImageLocation from, List<Platform> declared, Collection<Platform> held)
      throws ImageBuildException {
    List<Platform> missing = new ArrayList<>(declared);
    missing.removeAll(held);
    if (missing.isEmpty()) {
      return;
    }
    List<String> names = held.stream().map(Platform::toString).toList();
    throw new ImageBuildException(
        "<platforms>: the base image '"
            + from
            + "' has no "
            + String.join(", ", missing.stream().map(Platform::toString).toList())
            + " image; it has "
            + (names.isEmpty() ? "no platform named" : String.join(", ", names))
            + ". Declare only those in <platforms> (or -Dcp-image.platforms), or build FROM a"
            + " base made for "
            + missing.get(0));
  }
}
