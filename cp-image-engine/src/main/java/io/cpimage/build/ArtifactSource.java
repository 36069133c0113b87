package io.cpimage.build;

import io.cpimage.artifact.Checksum;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Where an artifact comes from: files already resolved (Maven), a URL, or a local file. */
public sealed interface ArtifactSource {

  /** Human description for the report, e.g. the coordinates or the URL. */
  String description();

  /**
   * Files the Maven adapter resolved: the artifact's first, then (for libraries) its dependencies'.
   */
  record Resolved(String description, List<Path> files) implements ArtifactSource {}

  /** A download; the checksum is required unless {@code insecure}. */
  record Url(URI uri, Checksum checksum, boolean insecure) implements ArtifactSource {
    @Override
    public String description() {
      return uri.toString();
    }
  }

  /** A file or directory of this machine, with an optional checksum (files only). */
  record LocalFile(Path path, Checksum checksum) implements ArtifactSource {
    @Override
    public String description() {
      return path.toString();
    }
  }
}
