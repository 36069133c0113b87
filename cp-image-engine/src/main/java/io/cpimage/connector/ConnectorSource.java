package io.cpimage.connector;

import io.cpimage.artifact.Checksum;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a connector, a library or a JDK comes from, parsed once where the user declared it (the
 * pom's {@code <artifact>}, {@code <url>} or {@code <file>}, or add-connector's {@code -D}
 * parameters) and carried as is to {@link ConnectorPipeline}, which fetches it, and to the pom
 * editor, which declares it.
 */
public sealed interface ConnectorSource {

  /** What the report and messages call the source: the coordinates, the URL or the path. */
  String description();

  /**
   * The name the build goal gives a connector that has no {@code <name>}: the artifactId, or the
   * file name without version and extension.
   */
  String defaultName();

  /**
   * Maven coordinates, resolved by the {@link ArtifactResolver}; with {@code transitive}
   * (libraries) also the artifact's runtime dependencies.
   */
  record MavenArtifact(MavenCoordinates coordinates, boolean transitive) implements Coordinated {}

  /** A download; the checksum (null when none is given) is required unless {@code insecure}. */
  record Download(URI uri, Checksum checksum, boolean insecure) implements ConnectorSource {
    @Override
    public String description() {
      return uri.toString();
    }

    @Override
    public String defaultName() {
      return BaseNames.of(uri.toString().replaceFirst("[?#].*$", ""));
    }
  }

  /**
   * A file or directory of this machine, with an optional checksum (files only). The build gives an
   * absolute path; a declaration written to a pom keeps it relative to the project directory.
   */
  record LocalFile(Path path, Checksum checksum) implements ConnectorSource {
    @Override
    public String description() {
      return path.toString();
    }

    @Override
    public String defaultName() {
      return BaseNames.of(path.toString());
    }
  }

  /**
   * Files a Maven project built and resolved itself (a connector project's jar and its runtime
   * dependencies), named after its artifactId; never declared in a pom.
   */
  record ProjectFiles(MavenCoordinates coordinates, List<Path> files) implements Coordinated {
    public ProjectFiles {
      files = List.copyOf(files);
    }
  }

  /** A source that Maven coordinates name: described by them, named after the artifactId. */
  sealed interface Coordinated extends ConnectorSource permits MavenArtifact, ProjectFiles {
    MavenCoordinates coordinates();

    @Override
    default String description() {
      return coordinates().text();
    }

    @Override
    default String defaultName() {
      return coordinates().artifactId();
    }
  }
}
