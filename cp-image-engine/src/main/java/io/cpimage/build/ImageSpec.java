package io.cpimage.build;

import io.cpimage.connector.ArtifactResolver;
import io.cpimage.connector.ConnectorSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one image build needs, as plain values: what the pom declared, each source parsed into
 * a {@link ConnectorSource}; Maven coordinates are resolved during the build through the settings'
 * {@link ArtifactResolver}. Paths on this machine are absolute; paths in the image are absolute
 * Unix paths. {@code where} strings name the pom element for messages. Made with {@link #builder},
 * which holds the defaults.
 */
public record ImageSpec(
    ImageLocation from,
    Target target,
    Container container,
    List<ConnectorSpec> connectors,
    List<LibrarySpec> libraries,
    List<ExtraDirectory> extraDirectories,
    List<PermissionRule> permissions,
    JvmSpec jvm,
    JdkSpec jdk,
    boolean utilityBelt,
    boolean strictPlugins,
    SettingsCheckSpec settingsCheck,
    Settings settings,
    List<Platform> platforms) {

  /**
   * Whether the build makes an image per declared platform ({@code <platforms>}) rather than one
   * image of the base's own platform.
   */
  public boolean multiPlatform() {
    return !platforms.isEmpty();
  }

  /**
   * The settings check of {@code <environment>}: whether a finding fails the build ({@code
   * strict}), the property-name prefixes of plugin-defined settings to let through (also given to
   * the image as {@code CP_SETTINGS_ALLOWED_PREFIXES}), and where the environment was declared, for
   * messages (the pom).
   */
  public record SettingsCheckSpec(boolean strict, List<String> allowedPrefixes, String declaredIn) {
    public SettingsCheckSpec {
      allowedPrefixes = List.copyOf(allowedPrefixes);
    }
  }

  /** The image directory connectors go into, as in Confluent's images. */
  public static final String DEFAULT_PLUGIN_PATH = "/usr/share/confluent-hub-components";

  /**
   * A spec of the base {@code from} and the target {@code to}, built in {@code workDirectory};
   * everything else defaults to what the plugin's parameters default to.
   */
  public static Builder builder(ImageLocation from, ImageLocation to, Path workDirectory) {
    return new Builder(from, to, workDirectory);
  }

  /** Where the image goes: {@code to}, its tags and the optional extra docker-save tar. */
  public record Target(
      ImageLocation image,
      List<String> tags,
      String tarImageName,
      Path outputTar,
      boolean daemonOptional) {}

  /** The container configuration: values set here win over the base image's. */
  public record Container(
      Map<String, String> environment,
      Map<String, String> labels,
      String user,
      List<String> ports,
      List<String> entrypoint,
      List<String> cmd,
      String workingDirectory,
      List<String> volumes) {}

  /** A connector: its own directory under {@code pluginPath} and its own layer. */
  public record ConnectorSpec(
      String name, ConnectorSource source, List<LibrarySpec> libraries, String where) {}

  /** Jars copied into {@code into} (for a connector's library: into the connector's directory). */
  public record LibrarySpec(ConnectorSource source, String into, String where) {}

  /** A directory of this machine laid over the image at {@code into}. */
  public record ExtraDirectory(Path from, String into) {}

  /** A glob on the image path and the octal mode given to matching extra-directory files. */
  public record PermissionRule(String glob, String mode) {}

  /** JVM settings written to the environment variables CP's launch scripts read. */
  public record JvmSpec(
      String heapOpts, String gcLogging, String heapDumpOnOutOfMemory, String extraOpts) {}

  /** A JDK or JRE installed under {@code /usr/lib/jvm/<name>}. */
  public record JdkSpec(String name, ConnectorSource source, String where) {}

  /**
   * Build settings: where to work, what to write, the fixed creation time, and how artifacts are
   * fetched (the download cache, offline mode, the resolver of Maven coordinates).
   */
  public record Settings(
      Path workDirectory,
      Path reportFile,
      Path downloadCache,
      Instant creationTime,
      boolean offline,
      String pluginPath,
      ArtifactResolver artifactResolver) {}

  /**
   * Collects a spec's values; unset ones keep the plugin's defaults: no tags, extra tar, container
   * changes, connectors, libraries, extra directories, JVM settings or JDK; the utility belt added;
   * plugin isolation problems failing the build; the report in the work directory; downloads cached
   * in its {@code downloads}; the epoch as the creation time; online; connectors under {@link
   * #DEFAULT_PLUGIN_PATH}; no platforms declared (one image, of the base's platform).
   */
  public static final class Builder {
    private final ImageLocation from;
    private final ImageLocation to;
    private final Path workDirectory;
    private List<String> tags = List.of();
    private String tarImageName;
    private Path outputTar;
    private boolean daemonOptional;
    private Map<String, String> environment = Map.of();
    private Map<String, String> labels = Map.of();
    private String user;
    private List<String> ports = List.of();
    private List<String> entrypoint = List.of();
    private List<String> cmd = List.of();
    private String workingDirectory;
    private List<String> volumes = List.of();
    private List<ConnectorSpec> connectors = List.of();
    private List<LibrarySpec> libraries = List.of();
    private List<ExtraDirectory> extraDirectories = List.of();
    private List<PermissionRule> permissions = List.of();
    private JvmSpec jvm;
    private JdkSpec jdk;
    private boolean utilityBelt = true;
    private boolean strictPlugins = true;
    private SettingsCheckSpec settingsCheck =
        new SettingsCheckSpec(true, List.of(), "<environment>");
    private Path reportFile;
    private Path downloadCache;
    private Instant creationTime = Instant.EPOCH;
    private boolean offline;
    private String pluginPath = DEFAULT_PLUGIN_PATH;
    private ArtifactResolver artifactResolver = ArtifactResolver.NONE;
    private List<Platform> platforms = List.of();

    private Builder(ImageLocation from, ImageLocation to, Path workDirectory) {
      this.from = from;
      this.to = to;
      this.workDirectory = workDirectory;
    }

    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    /** The name stored in a tar target and in the extra tar; required for a tar target. */
    public Builder tarImageName(String tarImageName) {
      this.tarImageName = tarImageName;
      return this;
    }

    public Builder outputTar(Path outputTar) {
      this.outputTar = outputTar;
      return this;
    }

    public Builder daemonOptional(boolean daemonOptional) {
      this.daemonOptional = daemonOptional;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder ports(List<String> ports) {
      this.ports = ports;
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder cmd(List<String> cmd) {
      this.cmd = cmd;
      return this;
    }

    public Builder workingDirectory(String workingDirectory) {
      this.workingDirectory = workingDirectory;
      return this;
    }

    public Builder volumes(List<String> volumes) {
      this.volumes = volumes;
      return this;
    }

    public Builder connectors(List<ConnectorSpec> connectors) {
      this.connectors = connectors;
      return this;
    }

    public Builder libraries(List<LibrarySpec> libraries) {
      this.libraries = libraries;
      return this;
    }

    public Builder extraDirectories(List<ExtraDirectory> extraDirectories) {
      this.extraDirectories = extraDirectories;
      return this;
    }

    public Builder permissions(List<PermissionRule> permissions) {
      this.permissions = permissions;
      return this;
    }

    public Builder jvm(JvmSpec jvm) {
      this.jvm = jvm;
      return this;
    }

    public Builder jdk(JdkSpec jdk) {
      this.jdk = jdk;
      return this;
    }

    public Builder utilityBelt(boolean utilityBelt) {
      this.utilityBelt = utilityBelt;
      return this;
    }

    /**
     * Whether a plugin isolation problem ({@link io.cpimage.connector.PluginIsolation}) fails the
     * build (the default) or is logged as a warning.
     */
    public Builder strictPlugins(boolean strictPlugins) {
      this.strictPlugins = strictPlugins;
      return this;
    }

    /** How {@code <environment>}'s Kafka settings are checked ({@link EnvironmentSettings}). */
    public Builder settingsCheck(SettingsCheckSpec settingsCheck) {
      this.settingsCheck = settingsCheck;
      return this;
    }

    public Builder reportFile(Path reportFile) {
      this.reportFile = reportFile;
      return this;
    }

    public Builder downloadCache(Path downloadCache) {
      this.downloadCache = downloadCache;
      return this;
    }

    public Builder creationTime(Instant creationTime) {
      this.creationTime = creationTime;
      return this;
    }

    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    public Builder pluginPath(String pluginPath) {
      this.pluginPath = pluginPath;
      return this;
    }

    /** How Maven coordinates become files; without one, a build of coordinates is refused. */
    public Builder artifactResolver(ArtifactResolver artifactResolver) {
      this.artifactResolver = artifactResolver;
      return this;
    }

    /** The platforms to build (jib's {@code <platforms>}); none: the base's one platform. */
    public Builder platforms(List<Platform> platforms) {
      this.platforms = List.copyOf(platforms);
      return this;
    }

    public ImageSpec build() {
      if (to.kind() == ImageLocation.Kind.TAR && tarImageName == null) {
        // A programming error, not bad input: the plugin always names the tar's image.
        throw new IllegalStateException("a tar:// target needs a tarImageName");
      }
      return new ImageSpec(
          from,
          new Target(to, tags, tarImageName, outputTar, daemonOptional),
          new Container(
              environment, labels, user, ports, entrypoint, cmd, workingDirectory, volumes),
          connectors,
          libraries,
          extraDirectories,
          permissions,
          jvm,
          jdk,
          utilityBelt,
          strictPlugins,
          settingsCheck,
          new Settings(
              workDirectory,
              reportFile != null ? reportFile : workDirectory.resolve("report.json"),
              downloadCache != null ? downloadCache : workDirectory.resolve("downloads"),
              creationTime,
              offline,
              pluginPath,
              artifactResolver),
          platforms);
    }
  }
}
