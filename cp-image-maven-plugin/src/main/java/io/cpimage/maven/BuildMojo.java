package io.cpimage.maven;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.build.BuildResult;
import io.cpimage.build.ImageBuild;
import io.cpimage.build.ImageSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * {@code cp-image:build}: extends a CP image as the pom declares, without a Dockerfile or daemon.
 * Reads the parameters into an {@link ImageSpec}, makes one call into the engine, logs the result.
 * Every parameter can also be given as {@code -Dcp-image.NAME} (nested: {@code
 * -Dcp-image.to.image}).
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends ProjectMojo {
  /**
   * The base image: image (required) is a registry name, docker://name:tag (the local Docker
   * engine) or tar://path (a docker save tar); auth (username, password) and credHelper give
   * registry credentials, else the settings.xml server whose id is the registry host, then the
   * Docker config. -Dcp-image.from.image overrides the image.
   */
  @Parameter From from = new From();

  /**
   * The target: image (required) is a registry name (push), docker://name:tag (docker load) or
   * tar://path; tags are extra tags; tarImageName the name stored in a tar (default
   * artifactId:version); daemonOptional tolerates a missing Docker engine for a docker:// target
   * when outputTar is set; auth and credHelper as for from. -Dcp-image.to.image and
   * -Dcp-image.to.tags override.
   */
  @Parameter To to = new To();

  /** Also write a docker-save tar of the same image here. -Dcp-image.outputTar. */
  @Parameter File outputTar;

  /**
   * The platforms to build, each platform an os and architecture (jib's shape), from a
   * multi-platform base (an image index in a registry, or an OCI image layout tar): a registry
   * target gets an image index, a tar:// target an OCI image layout holding it, a docker:// target
   * the one platform declared or the daemon's own. Default: the base's one platform.
   * -Dcp-image.platforms=linux/amd64,linux/arm64.
   */
  @Parameter List<PlatformParameter> platforms = new ArrayList<>();

  /** Allow plain HTTP and unverified TLS for registries. -Dcp-image.allowInsecureRegistries. */
  @Parameter boolean allowInsecureRegistries;

  /**
   * Kafka Connect plugins, each connector in its own layer under pluginPath/name: exactly one of
   * artifact (g:a:v[:classifier[:type]]), url with sha256 or sha512 (plain http or no checksum only
   * with insecure = true) or file; optional libraries placed inside the connector's directory (e.g.
   * a JDBC driver). Archives (zip, tar.gz, tgz) are unpacked. The name defaults to the artifactId,
   * or the file or URL's name without version and extension. The build fails when a connector holds
   * no Connect plugin class.
   */
  @Parameter List<Connector> connectors = new ArrayList<>();

  /**
   * Jars for the worker's or broker's classpath, each library from artifact (with its runtime
   * dependencies unless transitive = false), url with a checksum, or file; into defaults to
   * /usr/share/java/kafka.
   */
  @Parameter List<Library> libraries = new ArrayList<>();

  /** The image directory that connectors go into. -Dcp-image.pluginPath. */
  @Parameter(defaultValue = ImageSpec.DEFAULT_PLUGIN_PATH)
  String pluginPath;

  /**
   * In a {@code jar} project, the project's jar and its runtime dependencies form a connector named
   * after the artifactId (provided scope, org.apache.kafka:connect-* and kafka-clients stay out);
   * false for a jar project that is no connector. -Dcp-image.connectorProject.
   */
  @Parameter(defaultValue = "true")
  boolean connectorProject;

  /**
   * Files laid over the image, shaped like jib's: paths (each path: from, a project directory, and
   * into, an image directory; default src/main/cp-image onto /) and permissions (each permission:
   * file, a glob on the image path, and mode, e.g. 640); exec bits are kept.
   */
  @Parameter ExtraDirectories extraDirectories;

  /**
   * Environment variables of the image; {@code $NAME} expands against the base image's environment
   * (write $NAME, not ${NAME}, in a pom, which Maven would evaluate).
   */
  @Parameter Map<String, String> environment;

  /** Image labels, added to the base's and the standard ones. -Dcp-image.labels. */
  @Parameter Map<String, String> labels;

  /** The user the container runs as; default: the base image's. -Dcp-image.user. */
  @Parameter String user;

  /** Exposed ports ({@code 8083}, {@code 8083/tcp}); default: the base image's. */
  @Parameter List<String> ports;

  /** The entrypoint; default: the base image's (CP images set only CMD: leave it unset). */
  @Parameter List<String> entrypoint;

  /** The command; default: the base image's. */
  @Parameter List<String> cmd;

  /** The working directory; default: the base image's. -Dcp-image.workingDirectory. */
  @Parameter String workingDirectory;

  /**
   * Volumes: each volume directory is created owned by the image's user, group 0, mode 775, and
   * declared a VOLUME.
   */
  @Parameter List<String> volumes;

  /**
   * JVM settings for CP's launch scripts: heapOpts sets KAFKA_HEAP_OPTS; gcLogging (a directory)
   * becomes a volume and sets KAFKA_GC_LOG_OPTS; heapDumpOnOutOfMemory (a directory) becomes a
   * volume and adds the flags to KAFKA_OPTS; extraOpts is appended to KAFKA_OPTS.
   * -Dcp-image.jvm.heapOpts and so on.
   */
  @Parameter Jvm jvm;

  /**
   * Another JDK or JRE: name plus one of directory, file (an archive) or url with a checksum;
   * installed at /usr/lib/jvm/NAME, with JAVA_HOME and PATH set.
   */
  @Parameter Jdk jdk;

  /**
   * The utility belt (dub, cub) is added to every image; skip = true keeps the base image's.
   * -Dcp-image.utilityBelt.skip.
   */
  @Parameter UtilityBeltParameter utilityBelt = new UtilityBeltParameter();

  /**
   * The label io.confluent.docker.build.number; default: the BUILD_NUMBER environment variable,
   * else -1. -Dcp-image.buildNumber.
   */
  @Parameter String buildNumber;

  /**
   * Whether a connector that Kafka Connect's plugin isolation would not load as declared (a jar the
   * worker provides, such as kafka-clients; a test jar; a plugin class in two connectors) fails the
   * build; false logs a warning instead. -Dcp-image.strictPlugins.
   */
  @Parameter(defaultValue = "true")
  boolean strictPlugins = true;

  /**
   * Whether a KAFKA_* or CONNECT_* entry of the environment parameter that the base's Kafka release
   * does not define, or whose value its type refuses, fails the build; false logs a warning
   * instead. -Dcp-image.strictSettings.
   */
  @Parameter(defaultValue = "true")
  boolean strictSettings = true;

  /**
   * Property-name prefixes of settings that plugins define (an authorizer's, a metrics reporter's),
   * let through by the build's and the boot's settings checks; also set in the image as
   * CP_SETTINGS_ALLOWED_PREFIXES. -Dcp-image.allowedSettingPrefixes (comma-separated).
   */
  @Parameter List<String> allowedSettingPrefixes;

  /** Skip the goal. -Dcp-image.skip. */
  @Parameter boolean skip;

  /**
   * Where downloads are cached, keyed by checksum; default: .cache/cp-image in the local
   * repository. -Dcp-image.downloadCache.
   */
  @Parameter String downloadCache;

  /** The image's creation time: project.build.outputTimestamp, else the epoch (reproducible). */
  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  String outputTimestamp;

  final RepositorySystem repositorySystem;
  final SettingsDecrypter settingsDecrypter;

  @Inject
  public BuildMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
    this.repositorySystem = repositorySystem;
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    BuildParameters parameters = parameters();
    if (parameters.skip) {
      getLog().info("cp-image:build skipped (cp-image.skip)");
      return;
    }
    BuildResult report;
    try (JibLog log = new JibLog(getLog())) {
      report = ImageBuild.run(specReader(parameters, log).read(), log);
    } catch (Exception e) {
      Failures.rethrow("build", e);
      return;
    }
    getLog().info("Report: " + parameters.reportFile);
    getLog().info("Built image " + report.image() + " with digest " + report.digest());
  }

  /** This goal's parameters, {@code -D} overrides applied. */
  BuildParameters parameters() {
    return new BuildParameters(
        this, overrides(), Path.of(session.getLocalRepository().getBasedir()), session.isOffline());
  }

  /** Reads {@code parameters} into a spec as this goal does (verify-ready reads connectors). */
  ImageSpecReader specReader(BuildParameters parameters, Consumer<LogEvent> log) {
    MavenArtifacts artifacts =
        new MavenArtifacts(
            repositorySystem,
            session.getRepositorySession(),
            project.getRemoteProjectRepositories());
    SettingsCredentials credentials =
        new SettingsCredentials(session.getSettings(), settingsDecrypter);
    return new ImageSpecReader(parameters, project, artifacts, credentials, log);
  }
}
