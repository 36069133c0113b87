package io.cpimage.connector;

import io.cpimage.artifact.ArtifactException;

/**
 * Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}, as the pom and {@code
 * -Dartifact} write them. An empty classifier means none ({@code g:a:1::zip}); the type defaults to
 * {@code jar}. {@code text} keeps the coordinates as written, which the pom and the report show.
 */
public record MavenCoordinates(
    String groupId,
    String artifactId,
    String version,
    String classifier,
    String type,
    String text) {

  /**
   * Parses {@code text} (surrounding blanks ignored).
   *
   * @throws ArtifactException naming {@code where} and the expected form
   */
  public static MavenCoordinates parse(String text, String where) throws ArtifactException {
    String trimmed = text.trim();
    String[] parts = trimmed.split(":", -1);
    if (parts.length < 3
        || parts.length > 5
        || parts[0].isBlank()
        || parts[1].isBlank()
        || parts[2].isBlank()) {
      throw new ArtifactException(
          where
              + " '"
              + text
              + "' is not Maven coordinates; write groupId:artifactId:version"
              + "[:classifier[:type]], e.g. io.confluent:kafka-connect-jdbc:10.8.0");
    }
    String classifier = parts.length > 3 ? parts[3] : "";
    String type = parts.length > 4 && !parts[4].isBlank() ? parts[4] : "jar";
    return new MavenCoordinates(parts[0], parts[1], parts[2], classifier, type, trimmed);
  }

  @Override
  public String toString() {
    return text;
  }
}
