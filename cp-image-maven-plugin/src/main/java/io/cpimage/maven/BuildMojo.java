package io.cpimage.maven;

import io.cpimage.image.BuildReport;
import io.cpimage.image.ImageBuild;
import io.cpimage.image.ImageSpec;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * {@code cp-image:build}: extends a CP image as the pom declares, without a Dockerfile or daemon.
 * Reads the parameters into an {@link ImageSpec}, makes one call into the engine, logs the result.
 * Every parameter can also be given as {@code -Dcp-image.<name>} (nested: {@code
 * -Dcp-image.to.image}).
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractMojo {
  @Parameter From from = new From();
  @Parameter To to = new To();
  @Parameter File outputTar;
  @Parameter boolean allowInsecureRegistries;
  @Parameter List<Connector> connectors = new ArrayList<>();
  @Parameter List<Library> libraries = new ArrayList<>();

  @Parameter(defaultValue = "/usr/share/confluent-hub-components")
  String pluginPath;

  @Parameter(defaultValue = "true")
  boolean connectorProject;

  @Parameter ExtraDirectories extraDirectories;
  @Parameter Map<String, String> environment;
  @Parameter Map<String, String> labels;
  @Parameter String user;
  @Parameter List<String> ports;
  @Parameter List<String> entrypoint;
  @Parameter List<String> cmd;
  @Parameter String workingDirectory;
  @Parameter List<String> volumes;
  @Parameter Jvm jvm;
  @Parameter Jdk jdk;
  @Parameter UtilityBelt utilityBelt = new UtilityBelt();
  @Parameter String buildNumber;
  @Parameter boolean skip;

  @Parameter(defaultValue = "${project.build.directory}/cp-image/report.json")
  File reportFile;

  @Parameter String downloadCache;

  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  String outputTimestamp;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  final RepositorySystem repositorySystem;
  final SettingsDecrypter settingsDecrypter;

  @Inject
  public BuildMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
    this.repositorySystem = repositorySystem;
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Overrides overrides = new Overrides(session, project);
    if (overrides.bool("skip", skip)) {
      getLog().info("cp-image:build skipped (cp-image.skip)");
      return;
    }
    BuildReport report;
    try (JibLog log = new JibLog(getLog())) {
      ImageSpec spec = new ImageSpecReader(this, overrides, log).read();
      report = ImageBuild.run(spec, log);
    } catch (Exception e) {
      Failures.rethrow("build", e);
      return;
    }
    getLog().info("Report: " + reportFile(overrides));
    getLog().info("Built image " + report.image() + " with digest " + report.digest());
  }

  File reportFile(Overrides overrides) {
    return new File(overrides.string("reportFile", reportFile.getPath()));
  }
}
