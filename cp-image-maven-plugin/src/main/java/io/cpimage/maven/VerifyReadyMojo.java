package io.cpimage.maven;

import io.cpimage.belt.ready.ReadinessResult;
import io.cpimage.ready.ParallelReadiness;
import io.cpimage.ready.ReadinessPlan;
import io.cpimage.ready.ReportedPlugins;
import io.cpimage.ready.VerifyException;
import io.cpimage.ready.VerifyTargets;
import io.cpimage.smoke.BuiltImage;
import io.cpimage.smoke.DefaultBrokerImage;
import io.cpimage.smoke.SmokeEnvironment;
import io.cpimage.smoke.SmokeException;
import io.cpimage.smoke.SmokeSettings;
import io.cpimage.smoke.SmokeTest;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code cp-image:verify-ready}: waits, in parallel, for the services of a running cluster (each
 * optional: {@code -Dcp-image.zookeeper}, {@code -Dcp-image.bootstrapServers} with {@code
 * -Dcp-image.expectedBrokers} and {@code -Dcp-image.clientConfig}, {@code
 * -Dcp-image.schemaRegistry}, {@code -Dcp-image.restProxy}, {@code -Dcp-image.connect}, {@code
 * -Dcp-image.timeout}; or {@code <verify>}), prints each one's time to ready, and fails naming
 * every service that was not ready and why. With a Connect URL, the worker must also list the
 * plugin classes of the connectors that {@code cp-image:build} put into this project's image.
 *
 * <p>With {@code -Dcp-image.smoke} (or {@code <verify><smoke>true</smoke>}) it first smoke-tests
 * the image this project built (see {@link SmokeTest}); the cluster checks then run only when one
 * is configured.
 */
@Mojo(name = "verify-ready", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyReadyMojo extends AbstractMojo {
  @Parameter Verify verify = new Verify();

  /** The build goal's report, which lists each connector's plugin classes. */
  @Parameter(defaultValue = "${project.build.directory}/cp-image/report.json")
  File reportFile;

  @Parameter(property = "cp-image.verify.skip")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** The default broker image of smoke mode is the base image of this plugin's own version. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  String pluginVersion;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("cp-image:verify-ready skipped");
      return;
    }
    try {
      Overrides overrides = new Overrides(session, project);
      boolean smoke = overrides.bool("smoke", verify.smoke);
      if (smoke) {
        smokeTest(overrides);
      }
      VerifyTargets targets = targets();
      if (smoke && !targets.anyService()) {
        return;
      }
      List<ReadinessResult> results = ParallelReadiness.awaitAll(ReadinessPlan.checksFor(targets));
      results.forEach(result -> getLog().info(ParallelReadiness.describe(result)));
      List<ReadinessResult> notReady = results.stream().filter(r -> !r.ready()).toList();
      if (!notReady.isEmpty()) {
        throw new MojoFailureException(
            "cp-image:verify-ready: "
                + notReady.size()
                + " of "
                + results.size()
                + " services not ready within "
                + targets.timeout().toSeconds()
                + " s:\n"
                + notReady.stream()
                    .map(r -> "  " + r.service() + ": " + r.reason())
                    .collect(Collectors.joining("\n")));
      }
    } catch (Exception e) {
      Failures.rethrow("verify-ready", e);
    }
  }

  private void smokeTest(Overrides overrides) throws VerifyException, SmokeException {
    SmokeEnvironment.warnWhenUnset(getLog()::warn);
    String image = BuiltImage.fromReport(reportFile.toPath());
    String brokerImage = overrides.string("brokerImage", verify.brokerImage);
    SmokeSettings settings =
        new SmokeSettings(
            image,
            brokerImage == null || brokerImage.isBlank()
                ? DefaultBrokerImage.forPlugin(pluginVersion)
                : brokerImage,
            ReportedPlugins.read(reportFile.toPath()),
            Duration.ofSeconds(number(overrides, "timeout", verify.timeout)),
            number(overrides, "logLines", verify.logLines));
    new SmokeTest(settings, getLog()::info).run();
    getLog().info("cp-image:verify-ready: smoke test of " + image + " passed");
  }

  private VerifyTargets targets() throws VerifyException {
    Overrides overrides = new Overrides(session, project);
    String clientConfig =
        overrides.string(
            "clientConfig", verify.clientConfig == null ? null : verify.clientConfig.getPath());
    String connect = overrides.string("connect", verify.connect);
    List<String> pluginClasses =
        connect == null || connect.isBlank()
            ? List.of()
            : ReportedPlugins.read(reportFile.toPath());
    return new VerifyTargets(
        overrides.string("zookeeper", verify.zookeeper),
        overrides.string("bootstrapServers", verify.bootstrapServers),
        number(overrides, "expectedBrokers", verify.expectedBrokers),
        clientConfig == null ? null : project.getBasedir().toPath().resolve(Path.of(clientConfig)),
        overrides.string("schemaRegistry", verify.schemaRegistry),
        overrides.string("restProxy", verify.restProxy),
        connect,
        pluginClasses,
        Duration.ofSeconds(number(overrides, "timeout", verify.timeout)));
  }

  private static int number(Overrides overrides, String name, int configured)
      throws VerifyException {
    String value = overrides.string(name, Integer.toString(configured));
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new VerifyException(
          "cp-image." + name + "=" + value + " is not a whole number; give e.g. " + configured);
    }
  }
}
