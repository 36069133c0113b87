package io.cpimage.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Declares a volume in this project's pom: {@code mvn cp-image:add-volume
 * -Dpath=/var/log/kafka-auth-logs} adds a volume (volumes/volume) to the plugin's configuration,
 * keeping the pom's formatting. A relative path or one declared already is refused.
 */
@Mojo(name = "add-volume", requiresProject = true, threadSafe = true)
public class AddVolumeMojo extends AbstractMojo {

  /** The directory inside the image to declare a volume; absolute. */
  @Parameter(property = "path", required = true)
  private String path;

  /** Print the edit as a unified diff instead of writing the pom. */
  @Parameter(property = "dryRun", defaultValue = "false")
  private boolean dryRun;

  /** The project whose pom is edited. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** This plugin, whose configuration in the pom is edited. */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (!PomEditingGoals.editsThisProject(project, getLog())) {
      return;
    }
    try {
      PomEditingGoals.finish(
          PomEditingGoals.open(project, plugin).addVolume(path), dryRun, getLog());
    } catch (Exception e) {
      Failures.rethrow("add-volume", e);
    }
  }
}
