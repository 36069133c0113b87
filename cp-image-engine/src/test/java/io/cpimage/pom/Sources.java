package io.cpimage.pom;

import io.cpimage.artifact.Checksum;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.net.URI;
import java.nio.file.Path;

/** Sources as add-connector declares them, from the strings a user types. */
final class Sources {
  private Sources() {}

  /** A connector's artifact: the build takes it alone. */
  static ConnectorSource artifact(String coordinates) throws Exception {
    return new ConnectorSource.MavenArtifact(
        MavenCoordinates.parse(coordinates, "-Dartifact"), false);
  }

  /** A library's artifact: the build takes it with its runtime dependencies. */
  static ConnectorSource library(String coordinates) throws Exception {
    return new ConnectorSource.MavenArtifact(
        MavenCoordinates.parse(coordinates, "-Dlibrary"), true);
  }

  static ConnectorSource download(String url, String algorithm, String hex, boolean insecure)
      throws Exception {
    return new ConnectorSource.Download(new URI(url), Checksum.of(algorithm, hex), insecure);
  }

  static ConnectorSource file(String path) {
    return new ConnectorSource.LocalFile(Path.of(path), null);
  }
}
