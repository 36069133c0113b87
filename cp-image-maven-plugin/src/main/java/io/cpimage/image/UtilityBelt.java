package io.cpimage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The utility belt this plugin jar carries (copied in at build time from the utility-belt module):
 * {@code dub}, {@code cub} and their jar, installed into every image, replacing the base's.
 */
final class UtilityBelt {
  static final String BIN = "/usr/local/bin";
  static final String JAR_DIRECTORY = "/usr/share/java/cp-image-utility-belt";
  private static final String RESOURCES = "utility-belt/";

  private UtilityBelt() {}

  /** Adds the belt's files to {@code layer}, extracting them into {@code directory} first. */
  static void addTo(LayerPlanner.Layer layer, Path directory)
      throws ImageBuildException, IOException {
    Files.createDirectories(directory);
    String where = "<utilityBelt>";
    layer.addFile(
        extract("dub", directory, true), BIN + "/dub", LayerPlanner.EXECUTABLE_MODE, where);
    layer.addFile(
        extract("cub", directory, true), BIN + "/cub", LayerPlanner.EXECUTABLE_MODE, where);
    layer.addFile(
        extract("utility-belt.jar", directory, true),
        JAR_DIRECTORY + "/utility-belt.jar",
        LayerPlanner.FILE_MODE,
        where);
    Path archive = extract("utility-belt.jsa", directory, false);
    if (archive != null) {
      layer.addFile(archive, JAR_DIRECTORY + "/utility-belt.jsa", LayerPlanner.FILE_MODE, where);
    }
  }

  private static Path extract(String name, Path directory, boolean required)
      throws IOException, ImageBuildException {
    try (InputStream in = UtilityBelt.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        if (required) {
          throw new ImageBuildException(
              "<utilityBelt>: this plugin jar lacks "
                  + name
                  + "; rebuild the plugin, or set "
                  + "<utilityBelt><skip>true</skip></utilityBelt>");
        }
        return null;
      }
      Path file = directory.resolve(name);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    }
  }
}
