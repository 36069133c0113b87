package io.cpimage.build;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.Directories;
import io.cpimage.artifact.FileDigests;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** The endings of the digests the engine's build writes beside each resource. */
  private static final String SHA256 = ".sha256";

  private static final String SHA512 = ".sha512";

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

  /** Each resource's digests, as the engine's build shipped them. */
  private final Map<String, FileDigests.Digests> digests;

  private BundledUtilityBelt(Path directory, Map<String, FileDigests.Digests> digests) {
    this.directory = directory;
    this.digests = digests;
  }

  /** Whether {@code imagePath} is where the belt puts one of its files. */
  static boolean installs(String imagePath) {
    return FILES.stream().anyMatch(file -> file.imagePath().equals(imagePath));
  }

  /**
   * The belt's files, extracted once per machine into {@code cache} (the user's cache of
   * downloads), in an entry named by their digests, which the engine's build ships beside them:
   * plugin versions that carry the same belt share one entry. Files rewritten at each build would
   * get new times, and jib's layer cache goes by a file's time: each build would gzip the 32 MB
   * again. {@code digests} takes the shipped digests as the extracted files', so that no build
   * reads the files for them. Builds that extract at the same moment each fill an entry of their
   * own and rename it into place; the first wins, and the others use it.
   */
  static BundledUtilityBelt extract(Path cache, FileDigests digests)
      throws ImageBuildException, IOException {
    Map<String, FileDigests.Digests> shipped = new LinkedHashMap<>();
    for (String name : RESOURCES_USED) {
      shipped.put(name, new FileDigests.Digests(shipped(name, SHA256), shipped(name, SHA512)));
    }
    Path entry =
        cache
            .resolve("utility-belt")
            .resolve(
                ContentHashes.ofParts(
                    shipped.entrySet().stream()
                        .map(file -> file.getKey() + " " + file.getValue().sha256())
                        .toList()));
    if (Files.isDirectory(entry) && !holdsItsListing(entry)) {
      CacheFiles.discard(entry);
    }
    if (!Files.isDirectory(entry)) {
      publish(entry);
    }
    for (String name : RESOURCES_USED) {
      digests.know(entry.resolve(name), shipped.get(name));
    }
    return new BundledUtilityBelt(entry, Map.copyOf(shipped));
  }

  /** Fills {@code entry} from this jar's resources, unless another build does so first. */
  private static void publish(Path entry) throws ImageBuildException, IOException {
    Path temporary = CacheFiles.temporaryDirectory(entry);
    try {
      fill(temporary);
      CacheFiles.write(
          temporary.resolve(LISTING), listing(temporary).getBytes(StandardCharsets.UTF_8));
      if (!CacheFiles.publish(temporary, entry) && !holdsItsListing(entry)) {
        throw new IOException("the cache entry " + entry + " another build wrote is damaged");
      }
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
  boolean heldBy(BaseFilesystem base) {
    for (BeltFile file : FILES) {
      Optional<BaseFilesystem.Node> node = base.lookup(file.imagePath());
      Optional<String> digest = base.sha256(file.imagePath());
      if (node.isEmpty()
          || node.get().type() != BaseFilesystem.Type.FILE
          || !node.get().ownership().equals(LayerPlanner.ROOT)
          || node.get().mode() != file.mode()
          || digest.isEmpty()
          || !digest.get().equals(digests.get(file.name()).sha256())) {
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
    try (InputStream in = resource(name)) {
      Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The hex digest the engine's build wrote beside the resource {@code name} ({@code .sha256}). */
  private static String shipped(String name, String algorithm)
      throws IOException, ImageBuildException {
    try (InputStream in = resource(name + algorithm)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
  }

  /**
   * The belt's resource {@code name} in this jar; a plugin built without it cannot add the belt.
   */
  private static InputStream resource(String name) throws ImageBuildException {
    InputStream in = BundledUtilityBelt.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new ImageBuildException(
          "<utilityBelt>: this plugin jar lacks "
              + name
              + "; rebuild the plugin, or set "
              + "<utilityBelt><skip>true</skip></utilityBelt>");
    }
    return in;
  }
}
