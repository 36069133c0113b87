package io.cpimage.build;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.Directories;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The utility belt this plugin jar carries (copied in at build time from the utility-belt module):
 * {@code dub}, {@code cub}, {@code ub}, their jar and the jar of the belt's own classes, installed
 * into every image, replacing the base's, unless the base holds them already.
 *
 * <p>No AppCDS archive comes with them: one only matches the JVM build that dumped it, which is the
 * image's, not this machine's. The base images dump theirs with their own JVM ({@code
 * base-images/cp-base/make-cds-archive.sh}); it stays valid in images built on them, because the
 * jar written here keeps its path, size and time.
 */
final class BundledUtilityBelt {
  private static final String BIN = "/usr/local/bin";
  private static final String JAR_DIRECTORY = "/usr/share/java/cp-image-utility-belt";
  static final String JAR = "utility-belt.jar";

  /** The belt's own classes alone: the launchers run the checks from it, in front of the jar. */
  static final String CHECKS_JAR = "utility-belt-checks.jar";

  private static final String JAR_PATH = JAR_DIRECTORY + "/" + JAR;
  private static final String CHECKS_JAR_PATH = JAR_DIRECTORY + "/" + CHECKS_JAR;

  private static final String RESOURCES = "utility-belt/";

  /** The files' names, sizes and times, sealed: what an entry must still hold to be used. */
  private static final String LISTING = "listing";

  /**
   * One of the belt's files in the image: its name in this jar's resources, its path and its mode.
   */
  private record BeltFile(String name, String imagePath, int mode) {}

  /** The launcher, which runs as the tool it is called as. */
  private static final String LAUNCHER = "launcher";

  private static final List<BeltFile> FILES =
      List.of(
          new BeltFile(LAUNCHER, BIN + "/dub", LayerPlanner.EXECUTABLE_MODE),
          new BeltFile(LAUNCHER, BIN + "/cub", LayerPlanner.EXECUTABLE_MODE),
          new BeltFile(LAUNCHER, BIN + "/ub", LayerPlanner.EXECUTABLE_MODE),
          new BeltFile(JAR, JAR_PATH, LayerPlanner.FILE_MODE),
          new BeltFile(CHECKS_JAR, CHECKS_JAR_PATH, LayerPlanner.FILE_MODE));

  /** The resources the files come from, each once. */
  private static final List<String> RESOURCES_USED =
      FILES.stream().map(BeltFile::name).distinct().toList();

  private final Path directory;

  private BundledUtilityBelt(Path directory) {
    this.directory = directory;
  }

  /** Whether {@code imagePath} is where the belt puts one of its files. */
  static boolean installs(String imagePath) {
    return FILES.stream().anyMatch(file -> file.imagePath().equals(imagePath));
  }

  /**
   * The belt's files, extracted once per engine and machine into {@code cache} (the user's cache of
   * downloads), in an entry named by the engine's identity ({@link EngineCode}). Files rewritten at
   * each build would get new times, and a file's known digests and jib's layer cache go by its
   * time: each build would read the 32 MB again for its digests, and gzip it again. Builds that
   * extract at the same moment each fill an entry of their own and rename it into place; the first
   * wins, and the others use it. Without an identity (no code source) the files are extracted into
   * {@code work}.
   */
  static BundledUtilityBelt extract(Path cache, Path work, ContentHashes hashes)
      throws ImageBuildException, IOException {
    Optional<String> engine = EngineCode.identity(hashes);
    if (engine.isEmpty()) {
      Files.createDirectories(work);
      fill(work);
      return new BundledUtilityBelt(work);
    }
    Path entry =
        cache
            .resolve("utility-belt")
            .resolve(ContentHashes.ofBytes(engine.get().getBytes(StandardCharsets.UTF_8)));
    if (Files.isDirectory(entry)) {
      if (holdsItsListing(entry)) {
        return new BundledUtilityBelt(entry);
      }
      CacheFiles.discard(entry);
    }
    Path temporary = CacheFiles.temporaryDirectory(entry);
    try {
      fill(temporary);
      CacheFiles.write(
          temporary.resolve(LISTING), listing(temporary).getBytes(StandardCharsets.UTF_8));
      if (!CacheFiles.publish(temporary, entry) && !holdsItsListing(entry)) {
        throw new IOException("the cache entry " + entry + " another build wrote is damaged");
      }
      return new BundledUtilityBelt(entry);
    } finally {
      Directories.deleteRecursively(temporary);
    }
  }

  private static void fill(Path directory) throws ImageBuildException, IOException {
    for (String name : RESOURCES_USED) {
      extract(name, directory);
    }
  }

  private static boolean holdsItsListing(Path entry) throws IOException {
    Optional<byte[]> kept = CacheFiles.read(entry.resolve(LISTING));
    return kept.isPresent()
        && new String(kept.get(), StandardCharsets.UTF_8).equals(listing(entry));
  }

  /** Each file's name, size and time (in nanoseconds) in {@code directory}, as they are now. */
  private static String listing(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : RESOURCES_USED) {
      Path extracted = directory.resolve(name);
      if (!Files.isRegularFile(extracted)) {
        return "missing " + name;
      }
      lines.add(
          name
              + " "
              + Files.size(extracted)
              + " "
              + Files.getLastModifiedTime(extracted).to(TimeUnit.NANOSECONDS));
    }
    return String.join("\n", lines);
  }

  /**
   * Whether {@code base} holds this belt already: every file at its path, root's, with its mode and
   * content. Adding it again would change nothing but the image's size; the base's files keep their
   * times, which the start-up caches beside its jar were trained with.
   */
  boolean heldBy(BaseFilesystem base, BaseFilesystem.Hashing hashing) throws IOException {
    for (BeltFile file : FILES) {
      Optional<BaseFilesystem.Node> node = base.lookup(file.imagePath());
      Optional<String> digest = base.sha256(file.imagePath());
      if (node.isEmpty()
          || node.get().type() != BaseFilesystem.Type.FILE
          || !node.get().ownership().equals(LayerPlanner.ROOT)
          || node.get().mode() != file.mode()
          || digest.isEmpty()
          || !digest.get().equals(hashing.sha256(directory.resolve(file.name())))) {
        return false;
      }
    }
    return true;
  }

  /** Adds the belt's files to {@code layer}. */
  void addTo(LayerPlanner.Layer layer) throws ImageBuildException, IOException {
    for (BeltFile file : FILES) {
      layer.addFile(directory.resolve(file.name()), file.imagePath(), file.mode(), "<utilityBelt>");
    }
  }

  /** Lists the belt, as this plugin version's, in {@code sbom}, with its jars' digests. */
  void listIn(ImageSbom sbom) throws IOException {
    sbom.utilityBelt(ImageSbom.toolVersion(), jar(), JAR_PATH, checksJar(), CHECKS_JAR_PATH);
  }

  /** The belt's jar, as extracted. */
  Path jar() {
    return directory.resolve(JAR);
  }

  /** The jar of the belt's own classes, as extracted. */
  Path checksJar() {
    return directory.resolve(CHECKS_JAR);
  }

  private static void extract(String name, Path directory) throws IOException, ImageBuildException {
    try (InputStream in = BundledUtilityBelt.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new ImageBuildException(
            "<utilityBelt>: this plugin jar lacks "
                + name
                + "; rebuild the plugin, or set "
                + "<utilityBelt><skip>true</skip></utilityBelt>");
      }
      Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
