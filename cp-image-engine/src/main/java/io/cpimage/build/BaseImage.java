package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.LogEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A base image with the parts of its config the build reads (env, user, diff IDs) and its file
 * tree: available as a plain docker-save tar, or (a {@code docker://} base whose image ID the cache
 * knows) only in the daemon, {@code tar} then null. {@code heldLayersCache} is null unless jib's
 * copy of the base has placeholder layers ({@link #held}). The image ID is the sha256 of its
 * config, as {@code docker images} shows it.
 */
public record BaseImage(
    ImageLocation location,
    Path tar,
    String imageId,
    Map<String, String> environment,
    String user,
    BaseFilesystem filesystem,
    List<String> diffIds,
    Path heldLayersCache) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A {@code docker://} base whose layers only the daemon holds ({@link HeldBase}): jib reads it
   * from {@code heldLayersCache}, which has its config and a placeholder per layer, so the image
   * can only be loaded into that daemon.
   */
  static BaseImage held(
      ImageLocation location,
      String imageId,
      byte[] configBytes,
      BaseFilesystem filesystem,
      Path heldLayersCache)
      throws IOException {
    return of(location, null, imageId, JSON.readTree(configBytes), filesystem, heldLayersCache);
  }

  /** As {@link #read(ImageLocation, Path, Path, String, BaseImageCache, Consumer)}, unlogged. */
  static BaseImage read(
      ImageLocation location, Path tar, Path workDirectory, String where, BaseImageCache cache)
      throws ImageBuildException {
    return read(location, tar, workDirectory, where, cache, event -> {});
  }

  /**
   * Reads a docker-save tar; a gzipped one is first unpacked to {@code workDirectory} because jib
   * reads only plain tars, unless an earlier build unpacked the same bytes there ({@link
   * UnpackedBaseTar}, which logs which). The layers are read only when {@code cache} has no file
   * system for the image's ID; then it gets one.
   */
  static BaseImage read(
      ImageLocation location,
      Path tar,
      Path workDirectory,
      String where,
      BaseImageCache cache,
      Consumer<LogEvent> log)
      throws ImageBuildException {
    if (!Files.isRegularFile(tar)) {
      throw new ImageBuildException(
          where
              + " '"
              + location
              + "': the file "
              + tar
              + " does not exist or is not a file; "
              + "point tar:// at a `docker save` tar");
    }
    try {
      Path plain = gunzipIfNeeded(tar, workDirectory, location, cache, log);
      try (ImageTar file = ImageTar.open(plain)) {
        if (!file.has(ImageTar.MANIFEST)) {
          String hint =
              file.has("index.json")
                  ? ociLayoutHint(plain)
                  : "it has no manifest.json; write it with `docker save`";
          throw new ImageBuildException(
              where + " '" + location + "' is not a docker-save tar: " + hint);
        }
        ImageTar.Manifest manifest = file.manifest();
        byte[] configBytes = read(file, manifest.config(), location, where);
        JsonNode config = JSON.readTree(configBytes);
        String imageId = ImageTar.imageId(configBytes);
        checkLayers(file, manifest, location, where);
        BaseFilesystem filesystem = cache.filesystem(imageId).orElse(null);
        if (filesystem == null) {
          filesystem = readLayers(file, manifest, diffIds(config), location, log);
          cache.keep(imageId, filesystem);
        }
        cache.keepConfig(imageId, configBytes);
        return of(location, plain, imageId, config, filesystem, null);
      }
    } catch (IOException e) {
      throw new ImageBuildException(
          where
              + " '"
              + location
              + "': cannot read "
              + tar
              + " as a docker-save tar ("
              + e.getMessage()
              + "); check the file or write it again with `docker save`",
          e);
    }
  }

  /** The config of the image in the plain docker-save tar {@code tar}, as the tar holds it. */
  static byte[] configBytes(Path tar) throws IOException {
    try (ImageTar file = ImageTar.open(tar)) {
      return file.read(file.manifest().config());
    }
  }

  /**
   * The base with {@code imageId} as {@code cache} knows it (its config and file tree), without a
   * tar; empty when the cache lacks either.
   */
  static Optional<BaseImage> cached(ImageLocation location, String imageId, BaseImageCache cache)
      throws IOException {
    Optional<byte[]> configBytes = cache.config(imageId);
    Optional<BaseFilesystem> filesystem = cache.filesystem(imageId);
    if (configBytes.isEmpty() || filesystem.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        of(location, null, imageId, JSON.readTree(configBytes.get()), filesystem.get(), null));
  }

  /**
   * The base with what the build reads of its {@code config} (the parsed config file: env, user,
   * diff IDs), however it was found.
   */
  private static BaseImage of(
      ImageLocation location,
      Path tar,
      String imageId,
      JsonNode config,
      BaseFilesystem filesystem,
      Path heldLayersCache) {
    JsonNode container = config.path("config");
    return new BaseImage(
        location,
        tar,
        imageId,
        environment(container),
        container.path("User").asText(""),
        filesystem,
        diffIds(config),
        heldLayersCache);
  }

  /** This base, read from {@code tar}: the same image in another docker-save tar. */
  BaseImage at(Path tar) {
    return new BaseImage(location, tar, imageId, environment, user, filesystem, diffIds, null);
  }

  /**
   * This base under the ID another store gives the same image: a registry base as the daemon knows
   * it (the registry's config digest), where jib's tar holds the config as jib wrote it again.
   */
  BaseImage knownAs(String id) {
    return new BaseImage(
        location, tar, id, environment, user, filesystem, diffIds, heldLayersCache);
  }

  /** Fails unless every layer manifest.json lists is in the tar. */
  private static void checkLayers(
      ImageTar file, ImageTar.Manifest manifest, ImageLocation location, String where)
      throws ImageBuildException {
    for (String layer : manifest.layers()) {
      if (!file.has(layer)) {
        throw new ImageBuildException(
            where
                + " '"
                + location
                + "': layer "
                + layer
                + " listed in manifest.json is missing; "
                + "write the tar again with `docker save`");
      }
    }
  }

  /**
   * The file tree of the image's layers, whose diff IDs are {@code diffIds}: the tree a cp-image
   * build left in its last layer ({@link ImageFileTree}), or the layers applied bottom first.
   */
  private static BaseFilesystem readLayers(
      ImageTar file,
      ImageTar.Manifest manifest,
      List<String> diffIds,
      ImageLocation location,
      Consumer<LogEvent> log)
      throws IOException {
    if (!manifest.layers().isEmpty()) {
      String last = manifest.layers().get(manifest.layers().size() - 1);
      Optional<BaseFilesystem> own =
          ImageFileTree.use(
              ImageFileTree.fileIn(file, last),
              diffIds,
              "Base image " + location + ": ",
              "reading its layers",
              log);
      if (own.isPresent()) {
        return own.get();
      }
    }
    BaseFilesystem filesystem = BaseFilesystem.empty();
    for (String layer : manifest.layers()) {
      try (InputStream in = file.open(layer)) {
        filesystem.applyLayer(in);
      }
    }
    return filesystem;
  }

  private static byte[] read(ImageTar file, String name, ImageLocation location, String where)
      throws IOException, ImageBuildException {
    if (!file.has(name)) {
      throw new ImageBuildException(
          where + " '" + location + "': " + name + " is missing from the tar");
    }
    return file.read(name);
  }

  /** The layers' diff IDs, bottom first, as the config {@code configBytes} lists them. */
  static List<String> diffIds(byte[] configBytes) throws IOException {
    return diffIds(JSON.readTree(configBytes));
  }

  /** The layers' diff IDs, bottom first, as the config lists them. */
  private static List<String> diffIds(JsonNode config) {
    List<String> diffIds = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
    return List.copyOf(diffIds);
  }

  private static Map<String, String> environment(JsonNode config) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode pair : config.path("Env")) {
      String text = pair.asText();
      int eq = text.indexOf('=');
      if (eq > 0) {
        env.put(text.substring(0, eq), text.substring(eq + 1));
      }
    }
    return env;
  }

  /**
   * What to do with an OCI image layout given without {@code <platforms>}, which alone reads one:
   * declare the platform to build, named from those the layout holds when it can be read.
   */
  private static String ociLayoutHint(Path tar) {
    List<String> held = List.of();
    try (OciLayoutBase layout = OciLayoutBase.open(tar)) {
      held = layout.platforms().keySet().stream().map(Platform::toString).toList();
    } catch (IOException | RuntimeException e) {
      // A damaged index: the advice stands without the list.
    }
    String example = held.isEmpty() ? "linux/amd64" : held.get(0);
    return "it is an OCI image layout"
        + (held.isEmpty() ? "" : " holding " + String.join(", ", held))
        + ", which a build reads only with <platforms>: declare the platform to build"
        + " (-Dcp-image.platforms="
        + example
        + ", or <platforms><platform>…), or write a docker-save tar of one platform (`docker"
        + " save`, `skopeo copy … docker-archive:`)";
  }

  private static Path gunzipIfNeeded(
      Path tar,
      Path workDirectory,
      ImageLocation location,
      BaseImageCache cache,
      Consumer<LogEvent> log)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
      if (in.read() != 0x1f || in.read() != 0x8b) {
        return tar;
      }
    }
    return UnpackedBaseTar.of(tar, workDirectory, cache.fileHashes(), location, log);
  }

  /** The base's user as numeric uid, looked up in its /etc/passwd when given as a name. */
  int uidOf(String userSpec, String where) throws ImageBuildException {
    String name = userSpec == null || userSpec.isBlank() ? "0" : userSpec.split(":", 2)[0];
    if (name.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(name);
    }
    for (String line : filesystem.text("/etc/passwd").orElse("").split("\n")) {
      String[] fields = line.split(":");
      if (fields.length > 2 && fields[0].equals(name)) {
        return Integer.parseInt(fields[2]);
      }
    }
    throw new ImageBuildException(
        where
            + " '"
            + userSpec
            + "': no such user in the base image's /etc/passwd; give a numeric uid");
  }
}
