package io.cpimage.maven;

import io.cpimage.build.DockerCleanup;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code cp-image:clean}: removes from the local Docker engine the images this project built (label
 * io.cpimage.project=groupId:artifactId), the containers tests left behind with them (label {@code
 * io.cpimage.testing=true}), and the export containers killed builds left (label {@code
 * io.cpimage.export=true}, see {@link DockerCleanup}); with {@code -DdryRun} it only lists them.
 */
@Mojo(name = "clean", threadSafe = true)
public class CleanMojo extends AbstractMojo {

  /** List what would be removed, remove nothing. */
  @Parameter(property = "dryRun", defaultValue = "false")
  boolean dryRun;

  /** The project, whose groupId:artifactId labels its images. */
  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    String projectLabel = project.getGroupId() + ":" + project.getArtifactId();
    try {
      DockerCleanup.Plan plan = DockerCleanup.find(projectLabel);
      if (plan.recentExports() > 0) {
        getLog()
            .info(
                "cp-image:clean: leaving "
                    + plan.recentExports()
                    + " export container(s) created in the last "
                    + DockerCleanup.EXPORT_IN_USE.toMinutes()
                    + " minutes: a build may be reading them; run cp-image:clean again later");
      }
      if (plan.isEmpty()) {
        getLog()
            .info(
                "cp-image:clean: no images of "
                    + projectLabel
                    + ", no test containers and no export containers left by builds");
        return;
      }
      String verb = dryRun ? "would remove" : "removing";
      plan.containers()
          .forEach(c -> getLog().info(verb + " container " + c.id() + " " + c.description()));
      plan.leftoverExports()
          .forEach(
              c -> getLog().info(verb + " export container " + c.id() + " " + c.description()));
      plan.images().forEach(i -> getLog().info(verb + " image " + i.id() + " " + i.description()));
      if (!dryRun) {
        DockerCleanup.remove(plan);
        getLog()
            .info(
                "cp-image:clean: removed "
                    + plan.containers().size()
                    + " containers and "
                    + plan.images().size()
                    + " images, and "
                    + plan.leftoverExports().size()
                    + " export containers left by builds");
      }
    } catch (Exception e) {
      Failures.rethrow("clean", e);
    }
  }
}
