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
 * Unix paths. {@code where} strings name the pom element for messages.
 */
public record ImageSpec(
    String fromImage,
    List<CredentialSource> fromCredentials,
    Target target,
    Container container,
    List<ConnectorSpec> connectors,
    List<LibrarySpec> libraries,
    List<ExtraDirectory> extraDirectories,
    List<PermissionRule> permissions,
    JvmSpec jvm,
    JdkSpec jdk,
    boolean utilityBelt,
    Settings settings) {

  /** Where the image goes: {@code to}, its tags and the optional extra docker-save tar. */
  public record Target(
      String image,
      List<String> tags,
      String tarImageName,
      Path outputTar,
      boolean daemonOptional,
      boolean allowInsecureRegistries,
      List<CredentialSource> credentials) {}

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
}
