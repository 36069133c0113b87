package io.cpimage.pom;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a connector or a library comes from: exactly one of {@code <artifact>}, {@code <url>} (with
 * {@code <sha256>} or {@code <sha512>}) or {@code <file>}, as the build goal reads them.
 */
public sealed interface ConnectorSource {

  /** The child elements that declare this source, in the order they are written. */
  Map<String, String> elements();

  /**
   * The name the build goal gives a connector that has no {@code <name>}: the artifactId, or the
   * file name without version and extension.
   */
  String defaultName();

  /** Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}. */
  record MavenArtifact(String coordinates) implements ConnectorSource {
    public MavenArtifact {
      String[] parts = coordinates.split(":", -1);
      if (parts.length < 3 || parts.length > 5 || coordinates.contains(" ")) {
        throw new IllegalArgumentException(
            "'"
                + coordinates
                + "' is not groupId:artifactId:version[:classifier[:type]], e.g."
                + " io.debezium:debezium-connector-postgres:3.1.0.Final:plugin:tar.gz");
      }
      for (String part : parts) {
        if (part.isEmpty()) {
          throw new IllegalArgumentException(
              "'" + coordinates + "' has an empty part; expected groupId:artifactId:version[...]");
        }
      }
    }

    @Override
    public Map<String, String> elements() {
      return Map.of("artifact", coordinates);
    }

    @Override
    public String defaultName() {
      return coordinates.split(":")[1];
    }
  }

  /** A download, pinned by a checksum ({@code checksumElement} is sha256 or sha512). */
  record Download(String url, String checksumElement, String checksum, boolean insecure)
      implements ConnectorSource {
    public Download {
      if (!checksumElement.equals("sha256") && !checksumElement.equals("sha512")) {
        throw new IllegalArgumentException("checksum must be sha256 or sha512: " + checksumElement);
      }
      checksum = checksum.toLowerCase(Locale.ROOT);
    }

    @Override
    public Map<String, String> elements() {
      Map<String, String> elements = new LinkedHashMap<>();
      elements.put("url", url);
      elements.put(checksumElement, checksum);
      if (insecure) {
        elements.put("insecure", "true");
      }
      return elements;
    }

    @Override
    public String defaultName() {
      String path = url.replaceFirst("[?#].*$", "");
      return BaseNames.of(path.substring(path.lastIndexOf('/') + 1));
    }
  }

  /** A local file, relative to the project directory or absolute. */
  record LocalFile(String path) implements ConnectorSource {
    @Override
    public Map<String, String> elements() {
      return Map.of("file", path);
    }

    @Override
    public String defaultName() {
      String normalized = path.replace('\\', '/');
      return BaseNames.of(normalized.substring(normalized.lastIndexOf('/') + 1));
    }
  }

  /**
   * Reads a source back from the child values of an existing {@code <connector>} or {@code
   * <library>}; empty when it declares none of the three forms.
   */
  static Optional<ConnectorSource> fromElements(Map<String, String> children) {
    if (children.containsKey("artifact")) {
      return Optional.of(new MavenArtifact(children.get("artifact")));
    }
    if (children.containsKey("url")) {
      String element = children.containsKey("sha512") ? "sha512" : "sha256";
      return Optional.of(
          new Download(
              children.get("url"),
              element,
              children.getOrDefault(element, ""),
              Boolean.parseBoolean(children.get("insecure"))));
    }
    if (children.containsKey("file")) {
      return Optional.of(new LocalFile(children.get("file")));
    }
    return Optional.empty();
  }
}
