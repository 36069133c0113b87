package io.cpimage.build;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.JarIdentity;
import io.cpimage.artifact.JdkSource;
import io.cpimage.connector.ConnectorPipeline;
import io.cpimage.connector.DirectoryName;
import io.cpimage.connector.PluginIsolation;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One image build: checks the spec, loads the base, stages and verifies every artifact, plans the
 * layers, and only then hands the image to jib, so bad input never pushes, loads or writes
 * anything. Returns the report, which is also written to the spec's report file.
 */
public final class ImageBuild {
  static final String DEFAULT_LIBRARY_DIRECTORY = "/usr/share/java/kafka";
  static final String JVM_DIRECTORY = "/usr/lib/jvm";
  static final int VOLUME_MODE = 0775;

  private final ImageSpec spec;
  private final Consumer<LogEvent> log;
  private final Path work;
  private final List<BuildReport.ConnectorRecord> connectorRecords = new ArrayList<>();
  private final List<PluginIsolation.ConnectorContents> connectorContents = new ArrayList<>();
  private final ConnectorManifests manifests;
  private ImageSbom sbom;

  private ImageBuild(ImageSpec spec, Consumer<LogEvent> log) {
    this.spec = spec;
    this.log = log;
    this.work = spec.settings().workDirectory();
    this.manifests = new ConnectorManifests(work, log);
  }

  /** Builds the image {@code spec} describes; jib's events and ours go to {@code log}. */
  public static BuildResult run(ImageSpec spec, Consumer<LogEvent> log)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    return new ImageBuild(spec, log).run();
  }

  /** The connector pipeline with the spec's resolver, download cache and offline mode. */
  static ConnectorPipeline pipeline(ImageSpec.Settings settings) {
    return ConnectorPipeline.create(
        settings.artifactResolver(), settings.downloadCache(), settings.offline());
  }

  private BuildResult run()
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    if (spec.multiPlatform()) {
      return PlatformBuild.run(spec, log);
    }
    checkNames();
    ConnectorPipeline pipeline = pipeline(spec.settings());
    BuildFingerprint fingerprint = BuildFingerprint.of(spec, pipeline, log);
    return fingerprint.unlessUpToDate(() -> build(fingerprint, pipeline));
  }

  /** Builds the image, its base as {@code fingerprint} found it, and says what it made. */
  private BuildReport build(BuildFingerprint fingerprint, ConnectorPipeline pipeline)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    // An image that goes only into a daemon that holds its base is built without saving or
    // pulling the base, unless that daemon's engine refused an image without the layers it holds.
    Optional<DaemonImages> onlyInto =
        spec.target().image().kind() == ImageLocation.Kind.DOCKER
                && spec.target().outputTar() == null
                && !DaemonLoad.refusedBefore(work)
            ? Optional.of(fingerprint.daemon())
            : Optional.empty();
    BaseImage base =
        BaseImages.load(fingerprint.base(), spec.settings(), fingerprint.baseId(), onlyInto, log);
    Planned planned = plan(base, null, pipeline);
    List<String> outputs = new ArrayList<>();
    JibContainer result;
    try {
      result =
          planned
              .build()
              .containerize(spec.target().image(), planned.layers(), fingerprint.daemon(), outputs);
    } catch (DaemonLoad.PlaceholdersRefused e) {
      log.accept(LogEvent.lifecycle(e.getMessage() + "; building again on the saved base"));
      BaseImage saved =
          BaseImages.load(fingerprint.base(), spec.settings(), fingerprint.baseId(), log);
      outputs.clear();
      result =
          planned
              .build()
              .withBase(saved)
              .containerize(spec.target().image(), planned.layers(), fingerprint.daemon(), outputs);
    }
    Path sbomCopy = BuildSbom.copyBeside(planned.sbomFile(), spec.settings().reportFile(), null);
    log.accept(
        LogEvent.lifecycle("SBOM: " + sbomCopy + ", in the image at " + ImageSbom.IMAGE_PATH));
    return planned.report(
        spec.target().image().toString(),
        result.getDigest().toString(),
        result.getImageId().toString(),
        outputs,
        sbomCopy.toString(),
        List.of());
  }

  /** Checks what needs no base and makes the work directory. */
  private void checkNames() throws ImageBuildException, IOException {
    ConnectorPlugins.checkNames(spec.connectors(), spec.settings().pluginPath());
    Files.createDirectories(work);
  }

  /**
   * The image planned on {@code base}, for {@code platform} (null: jib's default), ready for jib:
   * what every target of one platform's image is built from.
   */
  record Planned(
      ContainerBuild build,
      List<BuildReport.LayerRecord> layers,
      List<BuildReport.ArtifactRecord> artifacts,
      List<BuildReport.ConnectorRecord> connectors,
      Path sbomFile) {

    /**
     * The report of this image, built as {@code image} with the given results; {@code sbom} is the
     * SBOM's copy beside the report (null when each platform has its own).
     */
    BuildReport report(
        String image,
        String digest,
        String imageId,
        List<String> outputs,
        String sbom,
        List<BuildReport.PlatformRecord> platforms) {
      return new BuildReport(
          build.spec().from().toString(),
          build.base().imageId(),
          image,
          digest,
          imageId,
          List.copyOf(build.spec().target().tags()),
          outputs,
          layers,
          artifacts,
          connectors,
          build.environment(),
          build.volumes(),
          build.user(),
          build.labels(),
          sbom,
          platforms);
    }
  }

  /** Plans one platform's image of a multi-platform build on that platform's base. */
  static Planned plan(ImageSpec spec, BaseImage base, Platform platform, Consumer<LogEvent> log)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    ImageBuild build = new ImageBuild(spec, log);
    build.checkNames();
    return build.plan(base, platform, pipeline(spec.settings()));
  }

  private Planned plan(BaseImage base, Platform platform, ConnectorPipeline pipeline)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    try (ContainerBuild.LayerBuilds layerBuilds = new ContainerBuild.LayerBuilds(work)) {
      return plan(base, platform, pipeline, layerBuilds);
    }
  }

  /** Plans the image, each layer built into jib's cache by {@code layerBuilds} as it ends. */
  private Planned plan(
      BaseImage base,
      Platform platform,
      ConnectorPipeline pipeline,
      ContainerBuild.LayerBuilds layerBuilds)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    ImageLocation from = spec.from();
    log.accept(LogEvent.lifecycle("Base image " + from + " (" + base.imageId() + ")"));
    sbom = BuildSbom.start(spec, base, pipeline.fileDigests());
    Path emptyDirectory = Files.createDirectories(work.resolve("empty-directory"));
    LayerPlanner planner =
        new LayerPlanner(
            base.filesystem(), emptyDirectory, pipeline.contentHashes()::of, layerBuilds::start);
    Map<String, String> environment = new LinkedHashMap<>(base.environment());

    if (spec.utilityBelt()) {
      addUtilityBelt(base, planner, pipeline);
    }
    Integer javaVersion = addJdk(planner, pipeline, environment);
    addLibraries(planner, pipeline);
    for (ImageSpec.ConnectorSpec connector : spec.connectors()) {
      addConnector(planner, pipeline, connector);
    }
    manifests.addLayer(planner);
    manifests.record(environment);
    checkPluginIsolation();
    String user = spec.container().user() != null ? spec.container().user() : base.user();
    List<String> volumes = volumes();
    LayerPlanner.Layer volumeLayer = planner.layer("volumes");
    String volumeOwner = base.uidOf(user, "<user>") + ":0";
    for (String volume : volumes) {
      volumeLayer.addDirectory(volume, volumeOwner, VOLUME_MODE, "<volumes><volume>");
    }
    volumeLayer.finish();
    LayerPlanner.Layer extras = planner.layer("extra-directories");
    for (ImageSpec.ExtraDirectory directory : spec.extraDirectories()) {
      if (Files.isDirectory(directory.from())) {
        extras.addTree(
            directory.from(),
            directory.into(),
            spec.permissions(),
            "<extraDirectories> " + directory.from());
        BuildSbom.addExtraJars(sbom, directory.from(), directory.into());
      }
    }
    extras.finish();
    applyJvm(environment, javaVersion == null ? javaVersionOf(base) : javaVersion);
    for (Map.Entry<String, String> variable : spec.container().environment().entrySet()) {
      String value = variable.getValue() == null ? "" : variable.getValue();
      environment.put(variable.getKey(), EnvironmentExpander.expand(value, environment));
    }
    EnvironmentSettings.allowPrefixes(spec.settingsCheck(), environment);
    EnvironmentSettings.check(
        spec.settingsCheck(), base.filesystem(), spec.container().environment(), environment, log);
    Map<String, String> labels = new LinkedHashMap<>(spec.container().labels());
    labels.put("org.opencontainers.image.base.name", from.toString());
    labels.put("org.opencontainers.image.base.digest", base.imageId());
    labels.put(ImageSbom.LABEL, ImageSbom.IMAGE_PATH);
    LayerPlanner.Layer last = planner.layer(ImageFileTree.LAYER);
    Path sbomFile = BuildSbom.addTo(last, sbom, work, platform);
    Path treeDirectory = work.resolve("file-tree");
    ImageFileTree.finishLayer(
        planner,
        last,
        base,
        platform == null ? treeDirectory : treeDirectory.resolve(platform.fileName()),
        pipeline.contentHashes()::of);

    LayerPlan plan = planner.plan();
    ContainerBuild build =
        new ContainerBuild(spec, base, plan, environment, labels, volumes, user, platform, log);
    return new Planned(
        build,
        build.layerRecords(layerBuilds),
        pipeline.fetched().stream()
            .map(
                file ->
                    new BuildReport.ArtifactRecord(
                        file.where(), file.source(), file.file(), file.sha256()))
            .toList(),
        List.copyOf(connectorRecords),
        sbomFile);
  }

  /**
   * The bundled belt in a layer of its own, unless the base holds it already, byte for byte (a base
   * built by this plugin version: cp-kafka on cp-base, every extension image on those).
   */
  private void addUtilityBelt(BaseImage base, LayerPlanner planner, ConnectorPipeline pipeline)
      throws ImageBuildException, IOException {
    BundledUtilityBelt belt =
        BundledUtilityBelt.extract(spec.settings().downloadCache(), pipeline.fileDigests());
    if (belt.heldBy(base.filesystem())) {
      log.accept(
          LogEvent.lifecycle(
              "Utility belt: the base holds this plugin's, byte for byte; no layer added"));
    } else {
      LayerPlanner.Layer layer = planner.layer("utility-belt");
      belt.addTo(layer);
      layer.finish();
    }
    belt.listIn(sbom);
  }

  private Integer addJdk(
      LayerPlanner planner, ConnectorPipeline pipeline, Map<String, String> environment)
      throws ImageBuildException, ArtifactException, IOException {
    ImageSpec.JdkSpec jdk = spec.jdk();
    if (jdk == null) {
      return null;
    }
    if (!DirectoryName.isPlain(jdk.name())) {
      throw new ImageBuildException(
          jdk.where()
              + "<name>: '"
              + jdk.name()
              + "' is not a directory name; e.g. <name>temurin-17</name>");
    }
    Path home =
        JdkSource.findJavaHome(
            pipeline.stage(jdk.source(), work.resolve("jdk"), jdk.where()), jdk.where());
    String javaHome = JVM_DIRECTORY + "/" + jdk.name();
    LayerPlanner.Layer layer = planner.layer("jdk:" + jdk.name());
    layer.addTree(home, javaHome, List.of(), jdk.where());
    layer.finish();
    String oldBin =
        environment.containsKey("JAVA_HOME") ? environment.get("JAVA_HOME") + "/bin" : null;
    List<String> path = new ArrayList<>();
    path.add(javaHome + "/bin");
    for (String entry :
        environment
            .getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .split(":")) {
      if (!entry.isEmpty() && !entry.equals(oldBin) && !entry.equals(javaHome + "/bin")) {
        path.add(entry);
      }
    }
    environment.put("JAVA_HOME", javaHome);
    environment.put("PATH", String.join(":", path));
    Path release = home.resolve("release");
    String releaseText = Files.isRegularFile(release) ? Files.readString(release) : "";
    sbom.jdk(javaHome, releaseText, BuildSbom.sourceOf(jdk.source()));
    return JvmFlags.featureVersion(releaseText).orElse(null);
  }

  private void addLibraries(LayerPlanner planner, ConnectorPipeline pipeline)
      throws ImageBuildException, ArtifactException, IOException {
    LayerPlanner.Layer layer = planner.layer("libraries");
    for (ImageSpec.LibrarySpec library : spec.libraries()) {
      String into = library.into() == null ? DEFAULT_LIBRARY_DIRECTORY : library.into();
      checkAbsolute(into, library.where() + "<into>");
      List<Path> files = pipeline.libraryFiles(library.source(), library.where());
      for (Path file : files) {
        layer.addFile(
            file, into + "/" + file.getFileName(), LayerPlanner.modeOf(file), library.where());
      }
      sbom.library(into, library.source(), files);
    }
    layer.finish();
  }

  private void addConnector(
      LayerPlanner planner, ConnectorPipeline pipeline, ImageSpec.ConnectorSpec connector)
      throws ImageBuildException, ArtifactException, IOException {
    ConnectorPipeline.StagedConnector connectorFiles =
        pipeline.stageConnector(connector.name(), connector.source(), connector.where());
    Path staged = connectorFiles.directory();
    String directory = spec.settings().pluginPath() + "/" + connector.name();
    LayerPlanner.Layer layer = planner.layer("connector:" + connector.name());
    layer.addTree(staged, directory, List.of(), connector.where());
    // The jars the connector's directory will hold, for the plugin isolation check.
    List<Path> jars = new ArrayList<>(PluginIsolation.jarsUnder(staged, connector.where()));
    // Only the declared libraries replace bundled jars: a dependency they bring along may well be
    // older than the connector's own copy.
    List<Path> declared = new ArrayList<>();
    for (ImageSpec.LibrarySpec library : connector.libraries()) {
      List<Path> files = pipeline.libraryFiles(library.source(), library.where());
      jars.addAll(files);
      for (Path file : files) {
        layer.addFile(
            file, directory + "/" + file.getFileName(), LayerPlanner.FILE_MODE, library.where());
      }
      if (!files.isEmpty()) {
        declared.add(files.get(0));
      }
    }
    for (Map.Entry<Path, Path> superseded : JarIdentity.supersededBy(staged, declared).entrySet()) {
      jars.remove(superseded.getKey());
      String bundled = staged.relativize(superseded.getKey()).toString();
      layer.remove(directory + "/" + bundled);
      log.accept(
          LogEvent.lifecycle(
              "Connector "
                  + connector.name()
                  + ": library "
                  + superseded.getValue().getFileName()
                  + " replaces the bundled "
                  + bundled));
    }
    sbom.connector(
        connector.name(), directory, connector.source(), connectorFiles.fetched(), staged, jars);
    List<String> plugins = connectorFiles.pluginClasses();
    connectorContents.add(
        new PluginIsolation.ConnectorContents(
            connector.name(), connector.where(), staged, jars, plugins));
    log.accept(
        LogEvent.lifecycle("Connector " + connector.name() + ": " + String.join(", ", plugins)));
    connectorRecords.add(new BuildReport.ConnectorRecord(connector.name(), directory, plugins));
    layer.finish();
    manifests.add(
        connector.name(), directory, staged, connectorFiles.missingManifests(), connector.where());
  }

  /**
   * Fails on the connectors' plugin isolation problems, before anything is written; with {@code
   * <strictPlugins>false</strictPlugins>} logs each as a warning instead.
   */
  private void checkPluginIsolation() throws ImageBuildException, ArtifactException {
    List<String> problems = PluginIsolation.problemsOf(connectorContents);
    if (problems.isEmpty()) {
      return;
    }
    if (spec.strictPlugins()) {
      throw new ImageBuildException(
          "the connectors would not load as declared ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "):\n  "
              + String.join("\n  ", problems)
              + "\nFix them, or set <strictPlugins>false</strictPlugins> to build with warnings.");
    }
    for (String problem : problems) {
      log.accept(LogEvent.warn(problem + " (a warning: <strictPlugins>false</strictPlugins>)"));
    }
  }

  private List<String> volumes() throws ImageBuildException {
    Set<String> volumes = new LinkedHashSet<>();
    for (String volume : spec.container().volumes()) {
      checkAbsolute(volume, "<volumes><volume>");
      volumes.add(volume);
    }
    ImageSpec.JvmSpec jvm = spec.jvm();
    if (jvm != null && jvm.gcLogging() != null) {
      checkAbsolute(jvm.gcLogging(), "<jvm><gcLogging>");
      volumes.add(jvm.gcLogging());
    }
    if (jvm != null && jvm.heapDumpOnOutOfMemory() != null) {
      checkAbsolute(jvm.heapDumpOnOutOfMemory(), "<jvm><heapDumpOnOutOfMemory>");
      volumes.add(jvm.heapDumpOnOutOfMemory());
    }
    return List.copyOf(volumes);
  }

  private void applyJvm(Map<String, String> environment, int javaVersion) {
    ImageSpec.JvmSpec jvm = spec.jvm();
    if (jvm == null) {
      return;
    }
    if (jvm.heapOpts() != null) {
      environment.put("KAFKA_HEAP_OPTS", jvm.heapOpts());
    }
    if (jvm.gcLogging() != null) {
      environment.put("KAFKA_GC_LOG_OPTS", JvmFlags.gcLogging(jvm.gcLogging(), javaVersion));
    }
    if (jvm.heapDumpOnOutOfMemory() != null || jvm.extraOpts() != null) {
      environment.put(
          "KAFKA_OPTS",
          JvmFlags.kafkaOpts(
              environment.get("KAFKA_OPTS"), jvm.heapDumpOnOutOfMemory(), jvm.extraOpts()));
    }
  }

  private int javaVersionOf(BaseImage base) {
    String javaHome = base.environment().get("JAVA_HOME");
    if (javaHome != null) {
      var version = base.filesystem().text(javaHome + "/release").flatMap(JvmFlags::featureVersion);
      if (version.isPresent()) {
        return version.get();
      }
    }
    if (spec.jvm() != null && spec.jvm().gcLogging() != null) {
      log.accept(
          LogEvent.lifecycle(
              "<jvm><gcLogging>: the base image has no $JAVA_HOME/release, so its Java version is unknown; "
                  + "writing the Java 9+ (-Xlog) GC flags"));
    }
    return 9;
  }

  static void checkAbsolute(String path, String where) throws ImageBuildException {
    if (path == null || !path.startsWith("/")) {
      throw new ImageBuildException(
          where
              + " '"
              + path
              + "' is not an absolute path in the image; write e.g. /var/lib/kafka/data");
    }
  }
}
