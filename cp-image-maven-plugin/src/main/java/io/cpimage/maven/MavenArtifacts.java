package io.cpimage.maven;

import io.cpimage.build.ArtifactSource;
import io.cpimage.build.ImageBuildException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves {@code g:a:v[:classifier[:type]]} through Maven's own resolver, with the project's
 * repositories, mirrors, credentials and offline mode ({@code -o}).
 */
final class MavenArtifacts {
  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  MavenArtifacts(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories) {
    this.system = system;
    this.session = session;
    this.repositories = repositories;
  }

  /**
   * The artifact's file, and with {@code transitive} its runtime dependencies' files after it, as a
   * project depending on the artifact gets them: the artifact's optional dependencies stay out.
   */
  ArtifactSource.Resolved resolve(String coordinates, boolean transitive, String where)
      throws ImageBuildException {
    Artifact artifact = parse(coordinates, where);
    List<Path> files = new ArrayList<>();
    try {
      if (transitive) {
        // A dependency of a root-less request, not the root: the resolver keeps a root's optional
        // dependencies (PostgreSQL's driver would bring waffle-jna, JNA and Caffeine).
        CollectRequest collect = new CollectRequest();
        collect.addDependency(new Dependency(artifact, JavaScopes.RUNTIME));
        collect.setRepositories(repositories);
        DependencyRequest request =
            new DependencyRequest(
                collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        for (ArtifactResult result :
            system.resolveDependencies(session, request).getArtifactResults()) {
          files.add(result.getArtifact().getFile().toPath());
        }
      } else {
        ArtifactRequest request = new ArtifactRequest(artifact, repositories, null);
        files.add(system.resolveArtifact(session, request).getArtifact().getFile().toPath());
      }
    } catch (ArtifactResolutionException | DependencyResolutionException e) {
      throw new ImageBuildException(
          where
              + " '"
              + coordinates
              + "' cannot be resolved"
              + (session.isOffline() ? " (offline: only the local repository was searched)" : "")
              + ": "
              + e.getMessage()
              + "; check the coordinates, or the repositories in the pom and settings.xml",
          e);
    }
    return new ArtifactSource.Resolved(coordinates, files);
  }

  static Artifact parse(String coordinates, String where) throws ImageBuildException {
    String[] parts = coordinates.trim().split(":", -1);
    if (parts.length < 3
        || parts.length > 5
        || parts[0].isBlank()
        || parts[1].isBlank()
        || parts[2].isBlank()) {
      throw new ImageBuildException(
          where
              + " '"
              + coordinates
              + "' is not Maven coordinates; write groupId:artifactId:version"
              + "[:classifier[:type]], e.g. io.confluent:kafka-connect-jdbc:10.8.0");
    }
    String classifier = parts.length > 3 ? parts[3] : "";
    String extension = parts.length > 4 && !parts[4].isBlank() ? parts[4] : "jar";
    return new DefaultArtifact(parts[0], parts[1], classifier, extension, parts[2]);
  }
}
