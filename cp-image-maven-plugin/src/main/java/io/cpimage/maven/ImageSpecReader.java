package io.cpimage.maven;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.build.ArtifactSource;
import io.cpimage.build.CredentialSource;
import io.cpimage.build.ImageBuildException;
import io.cpimage.build.ImageLocation;
import io.cpimage.build.ImageSpec;
import io.cpimage.pom.ConnectorSource;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the mojo's parameters (with their {@code -Dcp-image.*} overrides) into an {@link
 * ImageSpec}: resolves Maven coordinates, reads settings.xml credentials, adds the project's own
 * connector and the standard labels. Everything Maven-specific ends here.
 */
final class ImageSpecReader {
  private final BuildMojo mojo;
  private final Overrides overrides;
  private final Consumer<LogEvent> log;
  private final MavenArtifacts artifacts;
  private final Path basedir;

  ImageSpecReader(BuildMojo mojo, Overrides overrides, Consumer<LogEvent> log) {
    this.mojo = mojo;
    this.overrides = overrides;
    this.log = log;
    this.artifacts =
        new MavenArtifacts(
            mojo.repositorySystem,
            mojo.session.getRepositorySession(),
            mojo.project.getRemoteProjectRepositories());
    this.basedir = mojo.project.getBasedir().toPath();
  }

  ImageSpec read() throws ImageBuildException {
    Instant created = creationTime(mojo.outputTimestamp);
    String fromImage = projectRelative(overrides.string("from.image", mojo.from.image));
    String toImage = projectRelative(overrides.string("to.image", mojo.to.image));
    boolean insecureRegistries =
        overrides.bool("allowInsecureRegistries", mojo.allowInsecureRegistries);
    String outputTar =
        overrides.string("outputTar", mojo.outputTar == null ? null : mojo.outputTar.getPath());
    ImageSpec.Target target =
        new ImageSpec.Target(
            toImage,
            overrides.list("to.tags", mojo.to.tags),
            overrides.string(
                "to.tarImageName",
                mojo.to.tarImageName != null
                    ? mojo.to.tarImageName
                    : mojo.project.getArtifactId().toLowerCase(Locale.ROOT)
                        + ":"
                        + mojo.project.getVersion()),
            outputTar == null ? null : absolute(outputTar),
            overrides.bool("to.daemonOptional", mojo.to.daemonOptional),
            insecureRegistries,
            credentials(
                toImage,
                "<to>",
                mojo.to.auth,
                overrides.string("to.credHelper", mojo.to.credHelper)));

    Map<String, String> labels =
        new LinkedHashMap<>(
            ProjectLabels.of(
                mojo.project,
                ProjectLabels.buildNumber(overrides.string("buildNumber", mojo.buildNumber)),
                created));
    labels.putAll(overrides.map("labels", mojo.labels));
    ImageSpec.Container container =
        new ImageSpec.Container(
            new LinkedHashMap<>(overrides.map("environment", mojo.environment)),
            labels,
            overrides.string("user", mojo.user),
            overrides.list("ports", mojo.ports),
            overrides.list("entrypoint", mojo.entrypoint),
            overrides.list("cmd", mojo.cmd),
            overrides.string("workingDirectory", mojo.workingDirectory),
            overrides.list("volumes", mojo.volumes));

    ImageSpec.Settings settings = settings(created);
    boolean skipBelt =
        overrides.bool("utilityBelt.skip", mojo.utilityBelt != null && mojo.utilityBelt.skip);
    return new ImageSpec(
        fromImage,
        credentials(
            fromImage,
            "<from>",
            mojo.from.auth,
            overrides.string("from.credHelper", mojo.from.credHelper)),
        target,
        container,
        connectors(),
        libraries(),
        extraDirectories(),
        permissions(),
        jvm(),
        jdk(),
        !skipBelt,
        settings);
  }

  /** Where the build works, writes its report and caches downloads; the plugin path. */
  ImageSpec.Settings settings(Instant created) {
    String downloadCache =
        overrides.string(
            "downloadCache",
            mojo.downloadCache != null
                ? mojo.downloadCache
                : new File(mojo.session.getLocalRepository().getBasedir(), ".cache/cp-image")
                    .getPath());
    return new ImageSpec.Settings(
        Path.of(mojo.project.getBuild().getDirectory(), "cp-image"),
        mojo.reportFile(overrides).toPath().toAbsolutePath(),
        absolute(downloadCache),
        created,
        mojo.session.isOffline(),
        overrides.string("pluginPath", mojo.pluginPath));
  }

  /** The declared connectors (and the project's own, see {@link ConnectorProject}), resolved. */
  List<ImageSpec.ConnectorSpec> connectors() throws ImageBuildException {
    List<ImageSpec.ConnectorSpec> connectors = new ArrayList<>();
    if (overrides.bool("connectorProject", mojo.connectorProject)) {
      ConnectorProject.of(mojo.project).ifPresent(connectors::add);
    }
    for (Connector connector : mojo.connectors) {
      String name = nameOf(connector);
      String where =
          name == null
              ? "<connectors><connector>"
              : "<connectors><connector name=\"" + name + "\">";
      ArtifactSource source =
          source(
              connector.artifact,
              false,
              connector.url,
              connector.file,
              connector.sha256,
              connector.sha512,
              connector.insecure,
              where);
      List<ImageSpec.LibrarySpec> libraries = new ArrayList<>();
      for (Library library : connector.libraries) {
        libraries.add(library(library, where + "<libraries><library>"));
      }
      connectors.add(new ImageSpec.ConnectorSpec(name, source, libraries, where));
    }
    return connectors;
  }

  /**
   * The connector's {@code <name>}, or the name add-connector would give it (the artifactId, or the
   * file or URL's base name without version and extension), which the log states. Null when no
   * source is declared, which {@link #source} then refuses.
   */
  private String nameOf(Connector connector) throws ImageBuildException {
    if (connector.name != null && !connector.name.isBlank()) {
      return connector.name.trim();
    }
    Map<String, String> declared = new LinkedHashMap<>();
    putIfSet(declared, "artifact", connector.artifact);
    putIfSet(declared, "url", connector.url);
    putIfSet(declared, "file", connector.file);
    Optional<ConnectorSource> source;
    try {
      source = ConnectorSource.fromElements(declared);
    } catch (IllegalArgumentException e) {
      throw new ImageBuildException("<connectors><connector><artifact> " + e.getMessage(), e);
    }
    if (source.isEmpty()) {
      return null;
    }
    String name = source.get().defaultName();
    String from = declared.entrySet().iterator().next().getValue();
    log.accept(LogEvent.lifecycle("Connector " + name + " (name from " + from + ")"));
    return name;
  }

  private static void putIfSet(Map<String, String> elements, String element, String value) {
    if (value != null) {
      elements.put(element, value.trim());
    }
  }

  private List<ImageSpec.LibrarySpec> libraries() throws ImageBuildException {
    List<ImageSpec.LibrarySpec> libraries = new ArrayList<>();
    for (Library library : mojo.libraries) {
      libraries.add(library(library, "<libraries><library>"));
    }
    return libraries;
  }

  private ImageSpec.LibrarySpec library(Library library, String where) throws ImageBuildException {
    String described = where.replace("<library>", "<library " + describe(library) + ">");
    return new ImageSpec.LibrarySpec(
        source(
            library.artifact,
            library.transitive,
            library.url,
            library.file,
            library.sha256,
            library.sha512,
            library.insecure,
            described),
        library.into,
        described);
  }

  private static String describe(Library library) {
    String name =
        library.artifact != null
            ? library.artifact
            : library.url != null ? library.url : library.file;
    return "\"" + name + "\"";
  }

  private ArtifactSource source(
      String artifact,
      boolean transitive,
      String url,
      String file,
      String sha256,
      String sha512,
      boolean insecure,
      String where)
      throws ImageBuildException {
    int given = (artifact != null ? 1 : 0) + (url != null ? 1 : 0) + (file != null ? 1 : 0);
    if (given != 1) {
      throw new ImageBuildException(
          where
              + ": give exactly one of <artifact> (groupId:artifactId:version), <url> (with <sha256> or <sha512>) "
              + "or <file>; found "
              + given);
    }
    Checksum checksum = checksum(sha256, sha512, where);
    if (artifact != null) {
      return artifacts.resolve(artifact, transitive, where + "<artifact>");
    }
    if (url != null) {
      try {
        return new ArtifactSource.Url(new URI(url.trim()), checksum, insecure);
      } catch (URISyntaxException e) {
        throw new ImageBuildException(
            where + "<url> '" + url + "' is not a URL: " + e.getMessage(), e);
      }
    }
    return new ArtifactSource.LocalFile(absolute(file), checksum);
  }

  private static Checksum checksum(String sha256, String sha512, String where)
      throws ImageBuildException {
    if (sha256 != null && sha512 != null) {
      throw new ImageBuildException(where + ": give <sha256> or <sha512>, not both");
    }
    try {
      if (sha256 != null) {
        return Checksum.parse("sha256", sha256.trim(), where + "<sha256>");
      }
      if (sha512 != null) {
        return Checksum.parse("sha512", sha512.trim(), where + "<sha512>");
      }
      return null;
    } catch (ArtifactException e) {
      throw new ImageBuildException(e.getMessage(), e);
    }
  }

  private List<ImageSpec.ExtraDirectory> extraDirectories() {
    List<ImageSpec.ExtraDirectory> directories = new ArrayList<>();
    if (mojo.extraDirectories == null || mojo.extraDirectories.paths.isEmpty()) {
      directories.add(new ImageSpec.ExtraDirectory(basedir.resolve("src/main/cp-image"), "/"));
    } else {
      for (ExtraDirectories.Directory path : mojo.extraDirectories.paths) {
        directories.add(new ImageSpec.ExtraDirectory(absolute(path.from), path.into));
      }
    }
    return directories;
  }

  private List<ImageSpec.PermissionRule> permissions() {
    List<ImageSpec.PermissionRule> rules = new ArrayList<>();
    if (mojo.extraDirectories != null) {
      for (ExtraDirectories.Permission permission : mojo.extraDirectories.permissions) {
        rules.add(new ImageSpec.PermissionRule(permission.file, permission.mode));
      }
    }
    return rules;
  }

  private ImageSpec.JvmSpec jvm() {
    Jvm jvm = mojo.jvm == null ? new Jvm() : mojo.jvm;
    ImageSpec.JvmSpec spec =
        new ImageSpec.JvmSpec(
            overrides.string("jvm.heapOpts", jvm.heapOpts),
            overrides.string("jvm.gcLogging", jvm.gcLogging),
            overrides.string("jvm.heapDumpOnOutOfMemory", jvm.heapDumpOnOutOfMemory),
            overrides.string("jvm.extraOpts", jvm.extraOpts));
    return spec.equals(new ImageSpec.JvmSpec(null, null, null, null)) ? null : spec;
  }

  private ImageSpec.JdkSpec jdk() throws ImageBuildException {
    Jdk jdk = mojo.jdk == null ? new Jdk() : mojo.jdk;
    String name = overrides.string("jdk.name", jdk.name);
    String directory = overrides.string("jdk.directory", jdk.directory);
    String file = overrides.string("jdk.file", jdk.file);
    String url = overrides.string("jdk.url", jdk.url);
    if (name == null && directory == null && file == null && url == null) {
      return null;
    }
    String where = "<jdk>";
    int given = (directory != null ? 1 : 0) + (file != null ? 1 : 0) + (url != null ? 1 : 0);
    if (given != 1) {
      throw new ImageBuildException(
          where
              + ": give exactly one of <directory> (a JDK or JRE home), <file> (its .tar.gz or .zip) or <url> "
              + "(with <sha256> or <sha512>); found "
              + given);
    }
    ArtifactSource source =
        source(
            null,
            false,
            url,
            directory != null ? directory : file,
            overrides.string("jdk.sha256", jdk.sha256),
            overrides.string("jdk.sha512", jdk.sha512),
            overrides.bool("jdk.insecure", jdk.insecure),
            where);
    return new ImageSpec.JdkSpec(name, source, where);
  }

  private List<CredentialSource> credentials(
      String image, String where, Auth auth, String credHelper) throws ImageBuildException {
    List<CredentialSource> sources = new ArrayList<>();
    String username =
        overrides.string(
            where.equals("<from>") ? "from.auth.username" : "to.auth.username",
            auth == null ? null : auth.username);
    String password =
        overrides.string(
            where.equals("<from>") ? "from.auth.password" : "to.auth.password",
            auth == null ? null : auth.password);
    if (username != null && password != null) {
      sources.add(new CredentialSource.Known(username, password, where + "<auth>"));
    }
    if (credHelper != null) {
      sources.add(new CredentialSource.Helper(credHelper));
    }
    ImageLocation location = ImageLocation.parse(image, where + "<image>", basedir);
    if (location.kind() == ImageLocation.Kind.REGISTRY) {
      try {
        String registry = ImageReference.parse(location.reference()).getRegistry();
        SettingsCredentials.forRegistry(
                registry, mojo.session.getSettings(), mojo.settingsDecrypter, where)
            .ifPresent(sources::add);
      } catch (InvalidImageReferenceException e) {
        throw new ImageBuildException(
            where
                + "<image> '"
                + image
                + "' is not a valid image reference; write e.g. registry.example.com/team/image:tag",
            e);
      }
    }
    return sources;
  }

  /** A relative {@code tar://} path starts at the project directory, like every other path. */
  private String projectRelative(String image) {
    String prefix = "tar://";
    if (image != null && image.startsWith(prefix)) {
      return prefix + absolute(image.substring(prefix.length()));
    }
    return image;
  }

  private Path absolute(String path) {
    return basedir.resolve(path).toAbsolutePath().normalize();
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
