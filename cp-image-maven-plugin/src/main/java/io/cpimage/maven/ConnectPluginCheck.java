package io.cpimage.maven;

import io.cpimage.artifact.ArchiveUnpacker;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.ConnectPluginScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lays a connector's file out as the build goal would (an archive unpacked, a jar as is) in a
 * scratch directory and lists its Kafka Connect plugin classes; refuses a file that has none.
 */
final class ConnectPluginCheck {

  private ConnectPluginCheck() {}

  static List<String> pluginClasses(Path file, String where) throws ArtifactException {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("cp-image-add-connector-");
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot create a scratch directory: " + e, e);
    }
    try {
      Path connector = scratch.resolve("connector");
      if (ArchiveUnpacker.isArchive(file)) {
        ArchiveUnpacker.unpack(file, connector, where);
      } else {
        Files.createDirectories(connector);
        Files.copy(file, connector.resolve(file.getFileName()));
      }
      List<String> classes = ConnectPluginScanner.findPluginClasses(connector, where);
      if (classes.isEmpty()) {
        throw new ArtifactException(
            where
                + ": "
                + file.getFileName()
                + " holds no Kafka Connect plugin class (Connector, Converter, HeaderConverter,"
                + " Transformation, Predicate or ConfigProvider), so it is not a connector. Point"
                + " to the connector's jar or plugin archive. The pom was not changed.");
      }
      return classes;
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot copy " + file + ": " + e, e);
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // Only a scratch copy under the system's temp directory is left behind.
    }
  }
}
