package io.cpimage.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The utility belt this plugin jar carries (copied in at build time from the utility-belt module):
 * {@code dub}, {@code cub}, {@code ub}, their jar and the jar of the belt's own classes, installed
 * into every image, replacing the base's.
 *
 * <p>No AppCDS archive comes with them: one only matches the JVM build that dumped it, which is the
 * image's, not this machine's. The base images dump theirs with their own JVM ({@code
 * base-images/cp-base/make-cds-archive.sh}); it stays valid in images built on them, because the
 * jar written here keeps its path, size and time.
 */
final class BundledUtilityBelt {
  static final String BIN = "/usr/local/bin";
  static final String JAR_DIRECTORY = "/usr/share/java/cp-image-utility-belt";
  static final String JAR = "utility-belt.jar";

  /** The belt's own classes alone: the launchers run the checks from it, in front of the jar. */
  static final String CHECKS_JAR = "utility-belt-checks.jar";

  private static final String RESOURCES = "utility-belt/";

  private BundledUtilityBelt() {}

  /** Adds the belt's files to {@code layer}, extracting them into {@code directory} first. */
  static void addTo(LayerPlanner.Layer layer, Path directory)
      throws ImageBuildException, IOException {
    Files.createDirectories(directory);
    String where = "<utilityBelt>";
    layer.addFile(extract("dub", directory), BIN + "/dub", LayerPlanner.EXECUTABLE_MODE, where);
    layer.addFile(extract("cub", directory), BIN + "/cub", LayerPlanner.EXECUTABLE_MODE, where);
    layer.addFile(extract("ub", directory), BIN + "/ub", LayerPlanner.EXECUTABLE_MODE, where);
    layer.addFile(
        extract(JAR, directory), JAR_DIRECTORY + "/" + JAR, LayerPlanner.FILE_MODE, where);
    layer.addFile(
        extract(CHECKS_JAR, directory),
        JAR_DIRECTORY + "/" + CHECKS_JAR,
        LayerPlanner.FILE_MODE,
        where);
  }

  private static Path extract(String name, Path directory) throws IOException, ImageBuildException {
    try (InputStream in = BundledUtilityBelt.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new ImageBuildException(
            "<utilityBelt>: this plugin jar lacks "
                + name
                + "; rebuild the plugin, or set "
                + "<utilityBelt><skip>true</skip></utilityBelt>");
      }
      Path file = directory.resolve(name);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }
}
