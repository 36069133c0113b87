package io.cpimage.maven;

import io.cpimage.belt.ready.ReadinessResult;
import io.cpimage.verify.ParallelReadiness;
import io.cpimage.verify.ReadinessPlan;
import io.cpimage.verify.ReportedPlugins;
import io.cpimage.verify.VerifyException;
import io.cpimage.verify.VerifyTargets;
import io.cpimage.verify.smoke.BuiltImage;
import io.cpimage.verify.smoke.DefaultBrokerImage;
import io.cpimage.verify.smoke.SmokeException;
import io.cpimage.verify.smoke.SmokeRunner;
import io.cpimage.verify.smoke.SmokeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.lifecycle.internal.LifecycleExecutionPlanCalculator;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code cp-image:verify-ready}: waits, in parallel, for the services of a running cluster (each
 * optional: {@code -Dcp-image.zookeeper}, {@code -Dcp-image.bootstrapServers} with {@code
 * -Dcp-image.expectedBrokers} and {@code -Dcp-image.clientConfig}, {@code
 * -Dcp-image.schemaRegistry}, {@code -Dcp-image.restProxy}, {@code -Dcp-image.connect}, {@code
 * -Dcp-image.timeout}; or the verify parameter), prints each one's time to ready, and fails naming
 * every service that was not ready and why. With a Connect URL, the worker must also list the
 * plugin classes of this project's connectors: those {@code cp-image:build} recorded in its report,
 * or, with no report as new as the pom, those the pom declares, resolved and scanned as the build
 * does.
 *
 * <p>With {@code -Dcp-image.smoke} (or smoke = true in the verify parameter) it first smoke-tests
 * the image this project built (see {@link SmokeRunner}); the cluster checks then run only when one
 * is configured.
 */
@Mojo(
    name = "verify-ready",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class VerifyReadyMojo extends ProjectMojo {
  /**
   * What to await, each also as -Dcp-image.NAME: zookeeper (host:2181[,...]), bootstrapServers with
   * expectedBrokers (default 1) and clientConfig (a Kafka client properties file), schemaRegistry,
   * restProxy, connect (URLs; the Connect worker must also list the plugin classes of this
   * project's connectors, from the build report or, without one, the pom's), timeout (seconds per
   * service, default 40; 120 in smoke mode). smoke = true runs the image built here instead (with
   * brokerImage, logLines).
   */
  @Parameter Verify verify = new Verify();

  /** Skip the goal. -Dcp-image.verify.skip. */
  @Parameter boolean skip;

  /** This plugin, whose build goal reads the pom's connectors when there is no build report. */
  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  /** The default broker image of smoke mode is the base image of this plugin's own version. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  String pluginVersion;

  private final LifecycleExecutionPlanCalculator executions;
  private final MavenPluginManager mojos;

  @Inject
  public VerifyReadyMojo(LifecycleExecutionPlanCalculator executions, MavenPluginManager mojos) {
    this.executions = executions;
    this.mojos = mojos;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    VerifyParameters parameters = new VerifyParameters(verify, reportFile, skip, overrides());
    if (parameters.skip) {
      getLog().info("cp-image:verify-ready skipped");
      return;
    }
    try {
      if (parameters.smoke) {
        smokeTest(parameters);
      }
      VerifyTargets targets = targets(parameters);
      if (parameters.smoke && !targets.anyService()) {
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

  private void smokeTest(VerifyParameters parameters) throws VerifyException, SmokeException {
    String image = BuiltImage.fromReport(parameters.reportFile);
    SmokeSettings settings =
        new SmokeSettings(
            image,
            parameters.brokerImage == null || parameters.brokerImage.isBlank()
                ? DefaultBrokerImage.forPlugin(pluginVersion)
                : parameters.brokerImage,
            ReportedPlugins.read(parameters.reportFile),
            parameters.smokeTimeout(),
            parameters.logLines());
    new SmokeRunner(settings, getLog()::info).run();
    getLog().info("cp-image:verify-ready: smoke test of " + image + " passed");
  }

  private VerifyTargets targets(VerifyParameters parameters)
      throws VerifyException, InterruptedException {
    String connect = parameters.connect;
    List<String> pluginClasses =
        connect == null || connect.isBlank()
            ? List.of()
            : expectedConnectPlugins(parameters.reportFile);
    return new VerifyTargets(
        parameters.zookeeper,
        parameters.bootstrapServers,
        parameters.expectedBrokers(),
        parameters.clientConfig(project.getBasedir().toPath()),
        parameters.schemaRegistry,
        parameters.restProxy,
        connect,
        pluginClasses,
        parameters.clusterTimeout());
  }

  /**
   * What the build put into the image, from its report; without a report as new as the pom (a fresh
   * checkout in CI, or a pom changed since), what the pom declares, resolved and scanned as the
   * build does. Never nothing because nothing could be read.
   */
  private List<String> expectedConnectPlugins(Path report)
      throws VerifyException, InterruptedException {
    if (ReportedPlugins.isCurrent(report, project.getFile().toPath())) {
      return ReportedPlugins.read(report);
    }
    getLog()
        .info(
            "No build report as new as the pom ("
                + report
                + "): checking the connectors the pom declares, resolved and scanned as"
                + " cp-image:build does");
    return new DeclaredConnectPlugins(session, project, plugin, executions, mojos, getLog()).read();
  }
}
