package io.cpimage.maven;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.build.ConnectorPlugins;
import io.cpimage.build.ImageBuildException;
import io.cpimage.build.ImageSpec;
import io.cpimage.verify.VerifyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.internal.LifecycleExecutionPlanCalculator;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The Connect plugin classes of the connectors this pom declares for {@code cp-image:build}, for
 * {@code cp-image:verify-ready} when no current build report lists them. Maven configures a build
 * goal as {@code mvn package} would (the pom's build execution, else the plugin's configuration,
 * with defaults and {@code -Dcp-image.*}); its connectors are read by {@link ImageSpecReader}, then
 * resolved, laid out and scanned by {@link ConnectorPlugins} through the build's own connector
 * pipeline, so both goals expect the same classes.
 */
final class DeclaredConnectPlugins {
  private static final String BUILD_GOAL = "build";

  private final MavenSession session;
  private final MavenProject project;
  private final PluginDescriptor plugin;
  private final LifecycleExecutionPlanCalculator executions;
  private final MavenPluginManager mojos;
  private final Log log;

  DeclaredConnectPlugins(
      MavenSession session,
      MavenProject project,
      PluginDescriptor plugin,
      LifecycleExecutionPlanCalculator executions,
      MavenPluginManager mojos,
      Log log) {
    this.session = session;
    this.project = project;
    this.plugin = plugin;
    this.executions = executions;
    this.mojos = mojos;
    this.log = log;
  }

  /**
   * The classes, or none when the pom does not use this plugin (then nothing is declared).
   *
   * @throws VerifyException naming the connector that could not be resolved or scanned, and the fix
   */
  List<String> read() throws VerifyException, InterruptedException {
    Plugin declared = project.getPlugin(plugin.getPluginLookupKey());
    if (declared == null) {
      return List.of();
    }
    MojoExecution build = buildExecution(declared);
    BuildMojo mojo;
    try {
      executions.setupMojoExecution(session, project, build);
      mojo = (BuildMojo) mojos.getConfiguredMojo(Mojo.class, session, build);
    } catch (Exception e) {
      throw new VerifyException(
          "cannot read the configuration of cp-image:build in "
              + project.getFile()
              + ": "
              + e.getMessage());
    }
    try (JibLog jibLog = new JibLog(log)) {
      ImageSpecReader reader = mojo.specReader(mojo.parameters(), jibLog);
      // No image is made, so no creation time is needed.
      ImageSpec.Settings settings = reader.settings(Instant.EPOCH);
      List<String> classes = new ArrayList<>();
      for (Map.Entry<String, List<String>> connector :
          ConnectorPlugins.of(reader.connectors(), settings).entrySet()) {
        log.info(
            "Connector " + connector.getKey() + ": " + String.join(", ", connector.getValue()));
        classes.addAll(connector.getValue());
      }
      return classes;
    } catch (ImageBuildException | ArtifactException e) {
      throw new VerifyException(
          "-Dcp-image.connect: cannot check that the worker lists the connectors this pom"
              + " declares: "
              + e.getMessage()
              + ". Run `mvn package` first (cp-image:build writes the report that lists them)"
              + (session.isOffline() ? ", or run without -o so that Maven can resolve them" : ""));
    } finally {
      mojos.releaseMojo(mojo, build);
    }
  }

  /**
   * The pom's execution of the build goal, so that its configuration applies; without one, the
   * configuration of the plugin itself, as for {@code mvn cp-image:build}.
   */
  private MojoExecution buildExecution(Plugin declared) {
    for (PluginExecution execution : declared.getExecutions()) {
      if (execution.getGoals().contains(BUILD_GOAL)) {
        return new MojoExecution(
            plugin.getMojo(BUILD_GOAL), execution.getId(), MojoExecution.Source.LIFECYCLE);
      }
    }
    return new MojoExecution(plugin.getMojo(BUILD_GOAL), "default-cli", MojoExecution.Source.CLI);
  }
}
