package io.cpimage.connector;

import io.cpimage.artifact.ArtifactException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves Maven coordinates to files on this machine. The engine knows no Maven: the Maven plugin
 * implements this with Maven's own resolver, so that the project's repositories, mirrors,
 * credentials and offline mode apply.
 */
@FunctionalInterface
public interface ArtifactResolver {

  /** For builds outside Maven: any coordinates are refused, naming where they were declared. */
  ArtifactResolver NONE =
      (coordinates, transitive, where) -> {
        throw new ArtifactException(
            where
                + ": "
                + coordinates
                + " are Maven coordinates, and this build has no Maven resolver; declare a <url>"
                + " or a <file> instead");
      };

  /**
   * The artifact's file, and with {@code transitive} its runtime dependencies' files after it.
   *
   * @throws ArtifactException naming {@code where} when the coordinates cannot be resolved
   */
  List<Path> resolve(MavenCoordinates coordinates, boolean transitive, String where)
      throws ArtifactException;
}
