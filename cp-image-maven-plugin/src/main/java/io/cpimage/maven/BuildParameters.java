package io.cpimage.maven;

import io.cpimage.artifact.DownloadCache;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build goal's parameters as the build uses them: the pom's value, its {@code -D} override (see
 * {@link PropertyNames}) and its default meet here and nowhere else, once, when the goal starts. A
 * value, like jib's {@code RawConfiguration}: {@link ImageSpecReader} parses it into the engine's
 * types without knowing where a value came from. {@code <connectors>}, {@code <libraries>} and
 * {@code <extraDirectories>} are structured and come from the pom alone.
 */
final class BuildParameters {
  /** {@code <from>} or {@code <to>}: the image and what logs in to its registry. */
  record Image(String image, String username, String password, String credHelper) {}

  final Image from;
  final Image to;
  final List<String> toTags;
  final String toTarImageName;
  final boolean toDaemonOptional;
  final String outputTar;
  final boolean allowInsecureRegistries;
  final String pluginPath;
  final boolean connectorProject;
  final List<Connector> connectors;
  final List<Library> libraries;
  final ExtraDirectories extraDirectories;
  final Map<String, String> environment;
  final Map<String, String> labels;
  final String user;
  final List<String> ports;
  final List<String> entrypoint;
  final List<String> cmd;
  final String workingDirectory;
  final List<String> volumes;
  final Jvm jvm;
  final Jdk jdk;
  final boolean utilityBeltSkip;
  final String buildNumber;
  final boolean strictPlugins;
  final boolean strictSettings;
  final List<String> allowedSettingPrefixes;
  final boolean skip;
  final File reportFile;
  final String downloadCache;
  final String outputTimestamp;
  final boolean offline;

  /**
   * The platforms to build as {@code os/architecture}, from {@code -Dcp-image.platforms} or else
   * {@code <platforms>}; {@link #platformsWhere} names which, for messages.
   */
  final List<String> platforms;

  final String platformsWhere;

  /**
   * Reads {@code configured}'s parameters with {@code overrides} applied; {@code localRepository}
   * holds the default download cache; {@code offline} is Maven's {@code -o}.
   */
  BuildParameters(
      BuildMojo configured, Overrides overrides, Path localRepository, boolean offline) {
    from =
        image(
            configured.from.image,
            configured.from.auth,
            configured.from.credHelper,
            overrides,
            PropertyNames.FROM_IMAGE,
            PropertyNames.FROM_AUTH_USERNAME,
            PropertyNames.FROM_AUTH_PASSWORD,
            PropertyNames.FROM_CRED_HELPER);
    to = to(configured.to, overrides);
    toTags = overrides.list(PropertyNames.TO_TAGS, configured.to.tags);
    toTarImageName =
        overrides.string(
            PropertyNames.TO_TAR_IMAGE_NAME,
            configured.to.tarImageName != null
                ? configured.to.tarImageName
                : configured.project.getArtifactId().toLowerCase(Locale.ROOT)
                    + ":"
                    + configured.project.getVersion());
    toDaemonOptional =
        overrides.bool(PropertyNames.TO_DAEMON_OPTIONAL, configured.to.daemonOptional);
    outputTar =
        overrides.string(
            PropertyNames.OUTPUT_TAR,
            configured.outputTar == null ? null : configured.outputTar.getPath());
    allowInsecureRegistries =
        overrides.bool(PropertyNames.ALLOW_INSECURE_REGISTRIES, configured.allowInsecureRegistries);
    pluginPath = overrides.string(PropertyNames.PLUGIN_PATH, configured.pluginPath);
    connectorProject = overrides.bool(PropertyNames.CONNECTOR_PROJECT, configured.connectorProject);
    connectors = configured.connectors;
    libraries = configured.libraries;
    extraDirectories = configured.extraDirectories;
    environment = overrides.map(PropertyNames.ENVIRONMENT, configured.environment);
    labels = overrides.map(PropertyNames.LABELS, configured.labels);
    user = overrides.string(PropertyNames.USER, configured.user);
    ports = overrides.list(PropertyNames.PORTS, configured.ports);
    entrypoint = overrides.list(PropertyNames.ENTRYPOINT, configured.entrypoint);
    cmd = overrides.list(PropertyNames.CMD, configured.cmd);
    workingDirectory =
        overrides.string(PropertyNames.WORKING_DIRECTORY, configured.workingDirectory);
    volumes = overrides.list(PropertyNames.VOLUMES, configured.volumes);
    jvm = jvm(configured.jvm == null ? new Jvm() : configured.jvm, overrides);
    jdk = jdk(configured.jdk == null ? new Jdk() : configured.jdk, overrides);
    utilityBeltSkip =
        overrides.bool(
            PropertyNames.UTILITY_BELT_SKIP,
            configured.utilityBelt != null && configured.utilityBelt.skip);
    buildNumber = overrides.string(PropertyNames.BUILD_NUMBER, configured.buildNumber);
    strictPlugins = overrides.bool(PropertyNames.STRICT_PLUGINS, configured.strictPlugins);
    strictSettings = overrides.bool(PropertyNames.STRICT_SETTINGS, configured.strictSettings);
    allowedSettingPrefixes =
        overrides.list(PropertyNames.ALLOWED_SETTING_PREFIXES, configured.allowedSettingPrefixes);
    skip = overrides.bool(PropertyNames.SKIP, configured.skip);
    reportFile =
        new File(overrides.string(PropertyNames.REPORT_FILE, configured.reportFile.getPath()));
    downloadCache =
        overrides.string(
            PropertyNames.DOWNLOAD_CACHE,
            configured.downloadCache != null
                ? configured.downloadCache
                : DownloadCache.inLocalRepository(localRepository).directory().toString());
    outputTimestamp = configured.outputTimestamp;
    this.offline = offline;
    platforms = platforms(configured.platforms, overrides);
    platformsWhere = platformsWhere(overrides);
  }

  /** {@code <platforms>} as {@code os/architecture}, {@code -Dcp-image.platforms} applied. */
  static List<String> platforms(List<PlatformParameter> configured, Overrides overrides) {
    List<String> declared = new ArrayList<>();
    for (PlatformParameter platform :
        configured == null ? List.<PlatformParameter>of() : configured) {
      declared.add(
          (platform.os == null ? "" : platform.os)
              + "/"
              + (platform.architecture == null ? "" : platform.architecture));
    }
    return overrides.list(PropertyNames.PLATFORMS, declared);
  }

  /** Which of {@code <platforms>} and {@code -Dcp-image.platforms} gave the platforms. */
  static String platformsWhere(Overrides overrides) {
    return overrides.string(PropertyNames.PLATFORMS, null) == null
        ? "<platforms><platform>"
        : "-D" + PropertyNames.PLATFORMS;
  }

  /** {@code <to>}'s image and credentials, {@code -Dcp-image.to.*} applied. */
  static Image to(To to, Overrides overrides) {
    return image(
        to.image,
        to.auth,
        to.credHelper,
        overrides,
        PropertyNames.TO_IMAGE,
        PropertyNames.TO_AUTH_USERNAME,
        PropertyNames.TO_AUTH_PASSWORD,
        PropertyNames.TO_CRED_HELPER);
  }

  private static Image image(
      String image,
      Auth auth,
      String credHelper,
      Overrides overrides,
      String imageProperty,
      String usernameProperty,
      String passwordProperty,
      String credHelperProperty) {
    return new Image(
        overrides.string(imageProperty, image),
        overrides.string(usernameProperty, auth == null ? null : auth.username),
        overrides.string(passwordProperty, auth == null ? null : auth.password),
        overrides.string(credHelperProperty, credHelper));
  }

  private static Jvm jvm(Jvm configured, Overrides overrides) {
    Jvm jvm = new Jvm();
    jvm.heapOpts = overrides.string(PropertyNames.JVM_HEAP_OPTS, configured.heapOpts);
    jvm.gcLogging = overrides.string(PropertyNames.JVM_GC_LOGGING, configured.gcLogging);
    jvm.heapDumpOnOutOfMemory =
        overrides.string(
            PropertyNames.JVM_HEAP_DUMP_ON_OUT_OF_MEMORY, configured.heapDumpOnOutOfMemory);
    jvm.extraOpts = overrides.string(PropertyNames.JVM_EXTRA_OPTS, configured.extraOpts);
    return jvm;
  }

  private static Jdk jdk(Jdk configured, Overrides overrides) {
    Jdk jdk = new Jdk();
    jdk.name = overrides.string(PropertyNames.JDK_NAME, configured.name);
    jdk.directory = overrides.string(PropertyNames.JDK_DIRECTORY, configured.directory);
    jdk.file = overrides.string(PropertyNames.JDK_FILE, configured.file);
    jdk.url = overrides.string(PropertyNames.JDK_URL, configured.url);
    jdk.sha256 = overrides.string(PropertyNames.JDK_SHA256, configured.sha256);
    jdk.sha512 = overrides.string(PropertyNames.JDK_SHA512, configured.sha512);
    jdk.insecure = overrides.bool(PropertyNames.JDK_INSECURE, configured.insecure);
    return jdk;
  }
}
