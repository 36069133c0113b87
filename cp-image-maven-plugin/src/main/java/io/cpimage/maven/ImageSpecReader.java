package io.cpimage.maven;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.build.CredentialSource;
import io.cpimage.build.ImageBuildException;
import io.cpimage.build.ImageLocation;
import io.cpimage.build.ImageSpec;
import io.cpimage.build.Platform;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import io.cpimage.connector.SourceChoice;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.project.MavenProject;

/**
 * Turns the build goal's {@link BuildParameters} into an {@link ImageSpec}: parses each value into
 * the engine's type (each connector, library and JDK source once), adds settings.xml credentials,
 * the project's own connector and the standard labels, and hands the build Maven's resolver ({@link
 * MavenArtifacts}) for the coordinates. Everything Maven-specific ends here.
 */
record ImageSpecReader(
    BuildParameters parameters,
    MavenProject project,
    MavenArtifacts artifacts,
    SettingsCredentials settingsCredentials,
    Consumer<LogEvent> log) {

  ImageSpec read() throws ImageBuildException, ArtifactException {
    Instant created = creationTime(parameters.outputTimestamp);
    ImageLocation to = location(parameters.to, "<to>");
    ImageSpec.Settings settings = settings(created);
    Map<String, String> labels =
        new LinkedHashMap<>(
            ProjectLabels.of(
                project,
                ProjectLabels.buildNumber(parameters.buildNumber),
                created,
                settings.workDirectory().resolve("git-revision")));
    labels.putAll(parameters.labels);
    ImageLocation from = location(parameters.from, "<from>");
    return ImageSpec.builder(from, to, settings.workDirectory())
        .tags(parameters.toTags)
        .tarImageName(parameters.toTarImageName)
        .outputTar(parameters.outputTar == null ? null : absolute(parameters.outputTar))
        .daemonOptional(parameters.toDaemonOptional)
        .environment(new LinkedHashMap<>(parameters.environment))
        .labels(labels)
        .user(parameters.user)
        .ports(parameters.ports)
        .entrypoint(parameters.entrypoint)
        .cmd(parameters.cmd)
        .workingDirectory(parameters.workingDirectory)
        .volumes(parameters.volumes)
        .connectors(connectors())
        .libraries(libraries())
        .extraDirectories(extraDirectories())
        .permissions(permissions())
        .jvm(jvm())
        .jdk(jdk())
        .utilityBelt(!parameters.utilityBeltSkip)
        .strictPlugins(parameters.strictPlugins)
        .settingsCheck(
            new ImageSpec.SettingsCheckSpec(
                parameters.strictSettings,
                parameters.allowedSettingPrefixes,
                project.getFile() != null ? project.getFile().toString() : "the pom"))
        .reportFile(settings.reportFile())
        .downloadCache(settings.downloadCache())
        .creationTime(settings.creationTime())
        .offline(settings.offline())
        .pluginPath(settings.pluginPath())
        .artifactResolver(settings.artifactResolver())
        .platforms(platforms())
        .build();
  }

  /** {@code <platforms>} (or {@code -Dcp-image.platforms}), each parsed once, in order. */
  private List<Platform> platforms() throws ImageBuildException {
    return platforms(parameters.platforms, parameters.platformsWhere);
  }

  /** Each of {@code values} ({@code os/architecture}) parsed once, without duplicates. */
  static List<Platform> platforms(List<String> values, String where) throws ImageBuildException {
    List<Platform> platforms = new ArrayList<>();
    for (String value : values) {
      Platform platform = Platform.parse(value, where);
      if (!platforms.contains(platform)) {
        platforms.add(platform);
      }
    }
    return platforms;
  }

  /** Where the build works, writes its report and caches downloads; the plugin path. */
  ImageSpec.Settings settings(Instant created) {
    return new ImageSpec.Settings(
        Path.of(project.getBuild().getDirectory(), "cp-image"),
        parameters.reportFile.toPath().toAbsolutePath(),
        absolute(parameters.downloadCache),
        created,
        parameters.offline,
        parameters.pluginPath,
        artifacts);
  }

  /** The declared connectors (and the project's own, see {@link ConnectorProject}), parsed. */
  List<ImageSpec.ConnectorSpec> connectors() throws ImageBuildException, ArtifactException {
    List<ImageSpec.ConnectorSpec> connectors = new ArrayList<>();
    if (parameters.connectorProject) {
      ConnectorProject.of(project).ifPresent(connectors::add);
    }
    for (Connector connector : parameters.connectors) {
      boolean named = connector.name != null && !connector.name.isBlank();
      ConnectorSource source =
          source(
              connector,
              false,
              named ? connectorWhere(connector.name.trim()) : "<connectors><connector>");
      String name = named ? connector.name.trim() : defaultName(connector, source);
      String where = connectorWhere(name);
      List<ImageSpec.LibrarySpec> libraries = new ArrayList<>();
      for (Library library : connector.libraries) {
        libraries.add(library(library, where + "<libraries><library>"));
      }
      connectors.add(new ImageSpec.ConnectorSpec(name, source, libraries, where));
    }
    return connectors;
  }

  private static String connectorWhere(String name) {
    return "<connectors><connector name=\"" + name + "\">";
  }

  /**
   * The name add-connector would give a connector without {@code <name>} (the artifactId, or the
   * file or URL's base name without version and extension), which the log states.
   */
  private String defaultName(Connector connector, ConnectorSource source) {
    String name = source.defaultName();
    log.accept(
        LogEvent.lifecycle(
            "Connector " + name + " (name from " + connector.declared().trim() + ")"));
    return name;
  }

  private List<ImageSpec.LibrarySpec> libraries() throws ArtifactException {
    List<ImageSpec.LibrarySpec> libraries = new ArrayList<>();
    for (Library library : parameters.libraries) {
      libraries.add(library(library, "<libraries><library>"));
    }
    return libraries;
  }

  private ImageSpec.LibrarySpec library(Library library, String where) throws ArtifactException {
    String described = where.replace("<library>", "<library " + describe(library) + ">");
    return new ImageSpec.LibrarySpec(
        source(library, library.transitive, described), library.into, described);
  }

  private static String describe(Library library) {
    return "\"" + library.declared() + "\"";
  }

  /** A {@code <connector>}'s or {@code <library>}'s source, parsed. */
  private ConnectorSource source(SourceParameter declared, boolean transitive, String where)
      throws ArtifactException {
    return source(
        declared.artifact,
        transitive,
        declared.url,
        declared.file,
        declared.sha256,
        declared.sha512,
        declared.insecure,
        where);
  }

  /** One {@code <artifact>}, {@code <url>} or {@code <file>} with its checksum, parsed. */
  private ConnectorSource source(
      String artifact,
      boolean transitive,
      String url,
      String file,
      String sha256,
      String sha512,
      boolean insecure,
      String where)
      throws ArtifactException {
    SourceChoice.requireExactlyOne(
        where,
        given(artifact, url, file),
        "<artifact> (groupId:artifactId:version), <url> (with <sha256> or <sha512>) or <file>");
    Checksum checksum = SourceChoice.checksum(sha256, sha512, where, SourceChoice.Spelling.ELEMENT);
    if (artifact != null) {
      return new ConnectorSource.MavenArtifact(
          MavenCoordinates.parse(artifact, where + "<artifact>"), transitive);
    }
    if (url != null) {
      try {
        return new ConnectorSource.Download(new URI(url.trim()), checksum, insecure);
      } catch (URISyntaxException e) {
        throw new ArtifactException(
            where + "<url> '" + url + "' is not a URL: " + e.getMessage(), e);
      }
    }
    return new ConnectorSource.LocalFile(absolute(file), checksum);
  }

  private static int given(String... forms) {
    int given = 0;
    for (String form : forms) {
      given += form != null ? 1 : 0;
    }
    return given;
  }

  private List<ImageSpec.ExtraDirectory> extraDirectories() {
    List<ImageSpec.ExtraDirectory> directories = new ArrayList<>();
    ExtraDirectories configured = parameters.extraDirectories;
    if (configured == null || configured.paths.isEmpty()) {
      directories.add(new ImageSpec.ExtraDirectory(basedir().resolve("src/main/cp-image"), "/"));
    } else {
      for (ExtraDirectories.Directory path : configured.paths) {
        directories.add(new ImageSpec.ExtraDirectory(absolute(path.from), path.into));
      }
    }
    return directories;
  }

  private List<ImageSpec.PermissionRule> permissions() {
    List<ImageSpec.PermissionRule> rules = new ArrayList<>();
    if (parameters.extraDirectories != null) {
      for (ExtraDirectories.Permission permission : parameters.extraDirectories.permissions) {
        rules.add(new ImageSpec.PermissionRule(permission.file, permission.mode));
      }
    }
    return rules;
  }

  private ImageSpec.JvmSpec jvm() {
    Jvm jvm = parameters.jvm;
    ImageSpec.JvmSpec spec =
        new ImageSpec.JvmSpec(
            jvm.heapOpts, jvm.gcLogging, jvm.heapDumpOnOutOfMemory, jvm.extraOpts);
    return spec.equals(new ImageSpec.JvmSpec(null, null, null, null)) ? null : spec;
  }

  private ImageSpec.JdkSpec jdk() throws ArtifactException {
    Jdk jdk = parameters.jdk;
    String name = jdk.name;
    String directory = jdk.directory;
    String file = jdk.file;
    String url = jdk.url;
    if (name == null && directory == null && file == null && url == null) {
      return null;
    }
    String where = "<jdk>";
    SourceChoice.requireExactlyOne(
        where,
        given(directory, file, url),
        "<directory> (a JDK or JRE home), <file> (its .tar.gz or .zip) or <url> "
            + "(with <sha256> or <sha512>)");
    ConnectorSource source =
        source(
            null,
            false,
            url,
            directory != null ? directory : file,
            jdk.sha256,
            jdk.sha512,
            jdk.insecure,
            where);
    return new ImageSpec.JdkSpec(name, source, where);
  }

  /**
   * {@code <from>} or {@code <to>} parsed, with its credential sources in the order they are tried:
   * {@code <auth>}, {@code <credHelper>}, then settings.xml's {@code <server>} for a registry.
   */
  private ImageLocation location(BuildParameters.Image image, String where)
      throws ImageBuildException {
    return location(
        image, where, basedir(), settingsCredentials, parameters.allowInsecureRegistries);
  }

  /** {@link #location(BuildParameters.Image, String)} for any goal that names an image. */
  static ImageLocation location(
      BuildParameters.Image image,
      String where,
      Path basedir,
      SettingsCredentials settingsCredentials,
      boolean allowInsecureRegistries)
      throws ImageBuildException {
    List<CredentialSource> sources = new ArrayList<>();
    if (image.username() != null && image.password() != null) {
      sources.add(new CredentialSource.Known(image.username(), image.password(), where + "<auth>"));
    }
    if (image.credHelper() != null) {
      sources.add(new CredentialSource.Helper(image.credHelper()));
    }
    ImageLocation location = ImageLocation.parse(image.image(), where + "<image>", basedir);
    if (location.kind() == ImageLocation.Kind.REGISTRY) {
      settingsCredentials
          .forRegistry(location.registryReference().getRegistry(), where)
          .ifPresent(sources::add);
    }
    return location.withRegistryAccess(sources, allowInsecureRegistries);
  }

  private Path basedir() {
    return project.getBasedir().toPath();
  }

  private Path absolute(String path) {
    return basedir().resolve(path).toAbsolutePath().normalize();
  }

  /** {@code project.build.outputTimestamp} (ISO-8601 or epoch seconds), else the epoch. */
  private Instant creationTime(String outputTimestamp) throws ImageBuildException {
    if (outputTimestamp == null || outputTimestamp.isBlank() || outputTimestamp.length() < 2) {
      return Instant.EPOCH;
    }
    try {
      if (outputTimestamp.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(outputTimestamp));
      }
      return Instant.parse(outputTimestamp);
    } catch (DateTimeParseException e) {
      log.accept(
          LogEvent.warn(
              "project.build.outputTimestamp '"
                  + outputTimestamp
                  + "' is not ISO-8601; using the epoch"));
      return Instant.EPOCH;
    }
  }
}
