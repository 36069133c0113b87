package io.cpimage.maven;

import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that build and check a project's image share: the project, the session, the build
 * report, and the {@code -D} overrides of their parameters, read one way for both.
 */
abstract class ProjectMojo extends AbstractMojo {
  /**
   * The build report: image, digest, layers, artifacts with checksums, environment, connectors with
   * their plugin classes. The build goal writes it, verify-ready reads the plugin classes and the
   * image from it. -Dcp-image.reportFile.
   */
  @Parameter(defaultValue = "${project.build.directory}/cp-image/report.json")
  File reportFile;

  /** The project: its pom, its coordinates (which label the image) and its build directory. */
  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  /** The Maven session: offline mode, settings.xml servers, the local repository, -D overrides. */
  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** The {@code -D} overrides of this goal's parameters, by their {@link PropertyNames}. */
  Overrides overrides() {
    return new Overrides(session, project);
  }
}
