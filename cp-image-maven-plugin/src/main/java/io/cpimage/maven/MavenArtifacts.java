package io.cpimage.maven;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.connector.ArtifactResolver;
import io.cpimage.connector.MavenCoordinates;
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
 * Resolves Maven coordinates through Maven's own resolver, with the project's repositories,
 * mirrors, credentials and offline mode ({@code -o}).
 */
final class MavenArtifacts implements ArtifactResolver {
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
  @Override
  public List<Path> resolve(MavenCoordinates coordinates, boolean transitive, String where)
      throws ArtifactException {
    Artifact artifact =
        new DefaultArtifact(
            coordinates.groupId(),
            coordinates.artifactId(),
            coordinates.classifier(),
            coordinates.type(),
            coordinates.version());
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
      throw new ArtifactException(
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
    return files;
  }
}
