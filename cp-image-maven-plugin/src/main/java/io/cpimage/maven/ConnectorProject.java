package io.cpimage.maven;

import io.cpimage.build.ImageBuildException;
import io.cpimage.build.ImageSpec;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * A project that builds a connector (packaging {@code jar}): its jar and runtime dependencies form
 * a connector named after the artifactId. What the Connect runtime provides stays out: provided
 * scope, {@code org.apache.kafka:connect-*}, {@code kafka-clients} and {@code slf4j-api} (which
 * connect-api brings at compile scope; the worker loads {@code org.slf4j} classes from its own
 * class path, so a copy would only trip the build's plugin-isolation check).
 */
final class ConnectorProject {
  private ConnectorProject() {}

  static Optional<ImageSpec.ConnectorSpec> of(MavenProject project) throws ImageBuildException {
    if (!"jar".equals(project.getPackaging())) {
      return Optional.empty();
    }
    String where = "the connector project " + project.getArtifactId() + " (<connectorProject>)";
    File jar = project.getArtifact().getFile();
    if (jar == null || !jar.isFile()) {
      jar = new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
    }
    if (!jar.isFile()) {
      throw new ImageBuildException(
          where
              + ": "
              + jar
              + " does not exist; run `mvn package` (cp-image:build runs in the package phase), "
              + "or set <connectorProject>false</connectorProject> if this project is no connector");
    }
    List<Path> files = new ArrayList<>();
    files.add(jar.toPath());
    for (Artifact dependency : project.getArtifacts()) {
      if (isPackaged(dependency)) {
        files.add(dependency.getFile().toPath());
      }
    }
    MavenCoordinates coordinates =
        new MavenCoordinates(
            project.getGroupId(),
            project.getArtifactId(),
            project.getVersion(),
            "",
            project.getPackaging(),
            project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
    return Optional.of(
        new ImageSpec.ConnectorSpec(
            project.getArtifactId(),
            new ConnectorSource.ProjectFiles(coordinates, files),
            List.of(),
            where));
  }

  static boolean isPackaged(Artifact dependency) {
    String scope = dependency.getScope();
    if (!Artifact.SCOPE_COMPILE.equals(scope) && !Artifact.SCOPE_RUNTIME.equals(scope)) {
      return false;
    }
    boolean kafkaProvided =
        "org.apache.kafka".equals(dependency.getGroupId())
            && (dependency.getArtifactId().startsWith("connect-")
                || "kafka-clients".equals(dependency.getArtifactId()));
    boolean loggingApi =
        "org.slf4j".equals(dependency.getGroupId())
            && "slf4j-api".equals(dependency.getArtifactId());
    return !kafkaProvided && !loggingApi && dependency.getFile() != null;
  }
}
