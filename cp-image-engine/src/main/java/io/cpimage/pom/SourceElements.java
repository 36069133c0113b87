package io.cpimage.pom;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A source as the child elements of a {@code <connector>} or {@code <library>}: exactly one of
 * {@code <artifact>}, {@code <url>} (with {@code <sha256>} or {@code <sha512>}) or {@code <file>},
 * as the build goal reads them.
 */
final class SourceElements {
  private SourceElements() {}

  /**
   * The child elements that declare {@code source}, in the order they are written. A library's
   * artifact is written without {@code <transitive>}: add-connector declares only transitive ones.
   */
  static Map<String, String> of(ConnectorSource source) {
    Map<String, String> elements = new LinkedHashMap<>();
    if (source instanceof ConnectorSource.MavenArtifact artifact) {
      elements.put("artifact", artifact.coordinates().text());
    } else if (source instanceof ConnectorSource.Download download) {
      elements.put("url", download.uri().toString());
      if (download.checksum() != null) {
        elements.put(download.checksum().algorithm(), download.checksum().hex());
      }
      if (download.insecure()) {
        elements.put("insecure", "true");
      }
    } else if (source instanceof ConnectorSource.LocalFile file) {
      elements.put("file", file.path().toString().replace('\\', '/'));
    } else {
      throw new IllegalArgumentException(
          source.description() + " is the project's own build output, never declared in a pom");
    }
    return elements;
  }

  /**
   * Reads a source back from the child values of an existing {@code <connector>} or {@code
   * <library>}; empty when it declares none of the three forms. The build takes a connector's
   * artifact alone, and a library's with its runtime dependencies unless {@code <transitive>} is
   * false.
   *
   * @throws IllegalArgumentException when a value is malformed (coordinates, URL or checksum)
   */
  static Optional<ConnectorSource> read(Map<String, String> children, boolean library) {
    try {
      if (children.containsKey("artifact")) {
        return Optional.of(
            new ConnectorSource.MavenArtifact(
                MavenCoordinates.parse(children.get("artifact"), "<artifact>"),
                library && !"false".equals(children.get("transitive"))));
      }
      if (children.containsKey("url")) {
        String element = children.containsKey("sha512") ? "sha512" : "sha256";
        Checksum checksum =
            children.containsKey(element)
                ? Checksum.parse(element, children.get(element), "<" + element + ">")
                : null;
        return Optional.of(
            new ConnectorSource.Download(
                new URI(children.get("url").trim()),
                checksum,
                Boolean.parseBoolean(children.get("insecure"))));
      }
      if (children.containsKey("file")) {
        return Optional.of(new ConnectorSource.LocalFile(Path.of(children.get("file")), null));
      }
      return Optional.empty();
    } catch (ArtifactException | URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
