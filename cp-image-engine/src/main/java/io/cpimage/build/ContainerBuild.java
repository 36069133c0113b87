package io.cpimage.build;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands the planned image to jib: one container builder per target (registry, daemon or tar, plus
 * the optional extra tar), tars written to a partial file and moved into place only on success.
 * Holds the planned image's parts: the spec, the base, the layers and the final configuration, and
 * the platform of a multi-platform build's image (null otherwise: jib's default, the base's).
 */
record ContainerBuild(
    ImageSpec spec,
    BaseImage base,
    LayerPlan plan,
    Map<String, String> environment,
    Map<String, String> labels,
    List<String> volumes,
    String user,
    Platform platform,
    Consumer<LogEvent> log) {

  /**
   * Each added layer's diff ID, from jib's cache of application layers, where {@code builds} put
   * it.
   */
  List<BuildReport.LayerRecord> layerRecords(LayerBuilds builds)
      throws IOException, InterruptedException {
    List<BuildReport.LayerRecord> records = new ArrayList<>();
    for (LayerPlan.Layer layer : plan.layers()) {
      records.add(
          new BuildReport.LayerRecord(
              layer.name(), builds.built(layer).getDiffId().toString(), layer.files()));
    }
    return records;
  }

  /**
   * Builds each planned layer into jib's cache of application layers as soon as the planner
   * finishes it, on every core, so that a changed connector's layer is compressed while the layers
   * after it are planned and the SBOM is written, not after. A layer whose files are unchanged (jib
   * keys it by each file's path, time and place in the image) is found there and not read again;
   * any other is built as jib would build it ({@link ApplicationLayerWriter}, which gzips it on
   * every core), so that jib then finds every layer there and builds none twice. Used by the
   * planning thread only; closed when the plan ends, so that no layer is still being written into
   * the cache after a plan that failed.
   */
  static final class LayerBuilds implements AutoCloseable {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final Path directory;
    private final Cache cache;
    private final JoinedThreadPool threads = JoinedThreadPool.fixed("cp-image-layers", CORES);
    // A pool of its own: a layer's thread waits for its chunks, which must not queue behind it.
    private final JoinedThreadPool gzipThreads = JoinedThreadPool.fixed("cp-image-gzip", CORES);
    private final ApplicationLayerWriter writer;
    private final Map<LayerPlan.Layer, Future<CachedLayer>> started = new IdentityHashMap<>();

    LayerBuilds(Path workDirectory) throws IOException {
      directory = applicationLayersCache(workDirectory);
      try {
        cache = Cache.withDirectory(directory);
      } catch (CacheDirectoryCreationException e) {
        throw new IOException("cannot create jib's layer cache: " + e.getMessage(), e);
      }
      writer = new ApplicationLayerWriter(cache, directory, gzipThreads.executor(), CORES);
    }

    /** Starts building {@code layer}, which is planned and will not change. */
    void start(LayerPlan.Layer layer) {
      started.put(layer, threads.executor().submit(() -> build(layer)));
    }

    /** {@code layer} in jib's cache, once its build is done. */
    CachedLayer built(LayerPlan.Layer layer) throws IOException, InterruptedException {
      if (!started.containsKey(layer)) {
        start(layer);
      }
      return result(started.get(layer));
    }

    /**
     * Stops the builds still running (those of a plan that failed; a finished plan waited for every
     * one) and waits until they have ended.
     */
    @Override
    public void close() throws InterruptedException {
      // A layer being compressed ends at its next write once interrupted.
      try {
        threads.close();
      } finally {
        gzipThreads.close();
      }
    }

    private CachedLayer build(LayerPlan.Layer layer) throws IOException {
      ImmutableList<FileEntry> entries = ImmutableList.copyOf(layer.entries());
      try {
        Optional<CachedLayer> kept = cache.retrieve(entries);
        return kept.isPresent() ? kept.get() : writer.write(entries);
      } catch (CacheCorruptedException e) {
        throw new IOException(
            "jib's layer cache in "
                + directory
                + " is damaged ("
                + e.getMessage()
                + "); remove that directory",
            e);
      }
    }
  }

  private static CachedLayer result(Future<CachedLayer> layer)
      throws IOException, InterruptedException {
    try {
      return layer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  /** The same build on {@code other}, the same image read another way (its layers all real). */
  ContainerBuild withBase(BaseImage other) {
    return new ContainerBuild(spec, other, plan, environment, labels, volumes, user, platform, log);
  }

  private Path applicationLayersCache() {
    return applicationLayersCache(spec.settings().workDirectory());
  }

  private static Path applicationLayersCache(Path workDirectory) {
    return workDirectory.resolve("jib-cache");
  }

  /**
   * Builds to {@code to} (and {@code <outputTar>}); names what was written in {@code outputs}.
   * {@code layers} are {@link #layerRecords}: a load into Docker skips those the daemon holds, as
   * far as {@code daemon} (what it said during this build) tells.
   */
  JibContainer containerize(
      ImageLocation to,
      List<BuildReport.LayerRecord> layers,
      DaemonImages daemon,
      List<String> outputs)
      throws ImageBuildException, IOException, InterruptedException {
    ImageSpec.Target target = spec.target();
    refuseOfflineRegistry(to, spec.settings().offline());
    // <outputTar> carries the target's name (a tar target's: <tarImageName>).
    String targetName =
        to.kind() == ImageLocation.Kind.TAR ? target.tarImageName() : to.reference();
    if (to.kind() == ImageLocation.Kind.DOCKER && !DockerCli.daemonAnswers()) {
      if (!target.daemonOptional()) {
        throw new ImageBuildException(
            "<to><image> '"
                + to
                + "': no Docker daemon answers (`docker version` failed); start Docker, "
                + "build to a tar:// or registry image instead, or set <to><daemonOptional>true</daemonOptional> "
                + "with an <outputTar>");
      }
      if (target.outputTar() == null) {
        throw new ImageBuildException(
            "<to><daemonOptional>true</daemonOptional>: no Docker daemon answers and no <outputTar> is set, so "
                + "the build would produce nothing; set <outputTar>");
      }
      log.accept(
          LogEvent.warn(
              "No Docker daemon answers: " + to + " is not loaded; only <outputTar> is written"));
      to = null;
    }
    // Tars are written next to their final name and moved there only when every target succeeded.
    Map<Path, Path> partials = new LinkedHashMap<>();
    JibContainer result = null;
    try {
      if (target.outputTar() != null) {
        Path partial = partialOf(target.outputTar());
        partials.put(partial, target.outputTar());
        result =
            run(Containerizer.to(tarImage(partial, targetName)), "writing " + target.outputTar());
      }
      if (to != null) {
        result = runTo(to, targetName, layers, daemon, partials);
        outputs.add(to.toString());
      }
      for (Map.Entry<Path, Path> partial : partials.entrySet()) {
        Files.move(
            partial.getKey(),
            partial.getValue(),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      for (Path partial : partials.keySet()) {
        Files.deleteIfExists(partial);
      }
    }
    if (target.outputTar() != null) {
      outputs.add("tar://" + target.outputTar());
    }
    return result;
  }

  /** A registry target needs the network: refused when Maven runs offline, naming the fix. */
  static void refuseOfflineRegistry(ImageLocation to, boolean offline) throws ImageBuildException {
    if (to.kind() == ImageLocation.Kind.REGISTRY && offline) {
      throw new ImageBuildException(
          "<to><image> '"
              + to
              + "' is a registry, but Maven runs offline (-o); drop -o, or build to "
              + "docker://name or tar://path");
    }
  }

  private JibContainer runTo(
      ImageLocation to,
      String targetName,
      List<BuildReport.LayerRecord> layers,
      DaemonImages daemon,
      Map<Path, Path> partials)
      throws ImageBuildException, IOException, InterruptedException {
    List<String> added = plan.layers().stream().map(LayerPlan.Layer::name).toList();
    switch (to.kind()) {
      case TAR -> {
        Path partial = partialOf(to.tarPath());
        partials.put(partial, to.tarPath());
        JibContainer written =
            run(Containerizer.to(tarImage(partial, targetName)), "writing " + to);
        logTable(TargetLayers.inTar(partial, added.size()), added, "tar");
        return written;
      }
      case DOCKER -> {
        // The daemon may hold the base (by its ID) and the last build of this target.
        List<String> diffIds = new ArrayList<>(base.diffIds());
        layers.forEach(layer -> diffIds.add(layer.diffId()));
        int placeholders = base.heldLayersCache() == null ? 0 : base.diffIds().size();
        DaemonLoad load =
            new DaemonLoad(
                daemon,
                List.of(base.imageId(), to.reference()),
                diffIds,
                placeholders,
                spec.settings().workDirectory(),
                log);
        JibContainer loaded =
            run(
                Containerizer.to(load, DockerDaemonImage.named(daemonReference(to, "<to><image>"))),
                "loading " + to + " into Docker");
        logTable(load.layers(), added, "daemon");
        return loaded;
      }
      default -> {
        TargetLayers.SkippedBlobs skipped = new TargetLayers.SkippedBlobs();
        JibContainer pushed =
            run(
                Containerizer.to(RegistryCredentials.registryImage(to, log))
                    .addEventHandler(LogEvent.class, skipped),
                "pushing " + to);
        try {
          logTable(
              skipped.layers(
                  RegistryIndex.connect(to, false, log).layers(pushed.getDigest().toString())),
              added,
              "registry");
        } catch (IOException | RegistryException e) {
          // The image is pushed; only its table is missing.
          log.accept(LogEvent.info("No layer table: reading the pushed manifest failed: " + e));
        }
        return pushed;
      }
    }
  }

  /** Ends the log with the image's layers, when the target gave one row per layer. */
  private void logTable(List<LayerTable.Layer> layers, List<String> added, String target) {
    if (layers.size() >= added.size()) {
      for (String line : LayerTable.lines(LayerTable.rows(layers, added, target))) {
        log.accept(LogEvent.lifecycle(line));
      }
    }
  }

  private JibContainer run(Containerizer containerizer, String what)
      throws ImageBuildException, IOException, InterruptedException {
    return run(containerizer, what, ImageFormat.Docker, spec.target().tags());
  }

  /**
   * Builds this platform's image of a multi-platform build to {@code containerizer} in {@code
   * format}, without the target's extra tags (the index carries them).
   */
  JibContainer containerizePlatform(Containerizer containerizer, String what, ImageFormat format)
      throws ImageBuildException, IOException, InterruptedException {
    return run(containerizer, what, format, List.of());
  }

  private JibContainer run(
      Containerizer containerizer, String what, ImageFormat format, List<String> tags)
      throws ImageBuildException, IOException, InterruptedException {
    AtomicInteger reported = new AtomicInteger();
    containerizer
        .setToolName("cp-image")
        .setAllowInsecureRegistries(spec.target().image().allowInsecureRegistries())
        .setOfflineMode(spec.settings().offline())
        .setApplicationLayersCache(applicationLayersCache())
        .addEventHandler(LogEvent.class, log::accept)
        .addEventHandler(
            ProgressEvent.class,
            new ProgressEventHandler(
                update -> {
                  int tenth = (int) (update.getProgress() * 10);
                  if (tenth > reported.getAndAccumulate(tenth, Math::max)) {
                    log.accept(LogEvent.progress(what + ": " + tenth * 10 + "% complete"));
                  }
                }));
    if (base.heldLayersCache() != null) {
      containerizer.setBaseImageLayersCache(base.heldLayersCache());
    }
    for (String tag : tags) {
      containerizer.withAdditionalTag(tag);
    }
    try {
      log.accept(LogEvent.lifecycle(capitalized(what)));
      return containerizeLeavingNoThreads(builder(format), containerizer);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DaemonLoad.PlaceholdersRefused refused) {
        throw refused;
      }
      throw failure(capitalized(what), e);
    } catch (RegistryException | CacheDirectoryCreationException e) {
      throw failure(capitalized(what), e);
    }
  }

  /**
   * Runs jib's build of {@code builder} to {@code containerizer} on a pool of our own, and returns
   * or throws only once each of its threads has ended. jib's own pool is only shut down, not waited
   * for: when one step fails, the others run on and keep logging through our log, and writing into
   * the caches, after the build has failed.
   */
  static JibContainer containerizeLeavingNoThreads(
      JibContainerBuilder builder, Containerizer containerizer)
      throws InterruptedException,
          RegistryException,
          IOException,
          CacheDirectoryCreationException,
          ExecutionException {
    // Unbounded as jib's default: its steps wait for one another's results.
    try (JoinedThreadPool threads = JoinedThreadPool.unbounded("cp-image-jib")) {
      return builder.containerize(containerizer.setExecutorService(threads.executor()));
    }
  }

  private JibContainerBuilder builder(ImageFormat format) throws ImageBuildException {
    ImageSpec.Container container = spec.container();
    JibContainerBuilder builder =
        base.tar() != null
            ? Jib.from(TarImage.at(base.tar()))
            : Jib.from(new DaemonBase(base), DockerDaemonImage.named(daemonBaseName()));
    List<FileEntriesLayer> layers = new ArrayList<>();
    for (LayerPlan.Layer layer : plan.layers()) {
      layers.add(
          FileEntriesLayer.builder().setName(layer.name()).setEntries(layer.entries()).build());
    }
    Set<AbsoluteUnixPath> volumePaths = new LinkedHashSet<>();
    for (String volume : volumes) {
      volumePaths.add(AbsoluteUnixPath.get(volume));
    }
    builder
        .setFileEntriesLayers(layers)
        .setFormat(format)
        .setCreationTime(spec.settings().creationTime())
        .setEnvironment(environment)
        .setLabels(labels)
        .setVolumes(volumePaths);
    if (platform != null) {
      builder.setPlatforms(Set.of(platform.jib()));
    }
    try {
      builder.setExposedPorts(Ports.parse(container.ports()));
    } catch (NumberFormatException e) {
      throw new ImageBuildException(
          "<ports> "
              + container.ports()
              + ": "
              + e.getMessage()
              + "; write ports as 8083, 8083/udp or 9000-9002");
    }
    if (user != null && !user.isBlank()) {
      builder.setUser(user);
    }
    if (container.workingDirectory() != null) {
      ImageBuild.checkAbsolute(container.workingDirectory(), "<workingDirectory>");
      builder.setWorkingDirectory(AbsoluteUnixPath.get(container.workingDirectory()));
    }
    if (!container.entrypoint().isEmpty()) {
      builder.setEntrypoint(container.entrypoint());
    }
    if (!container.cmd().isEmpty()) {
      builder.setProgramArguments(container.cmd());
    }
    return builder;
  }

  static TarImage tarImage(Path partial, String name) throws ImageBuildException, IOException {
    Files.createDirectories(partial.toAbsolutePath().getParent());
    try {
      return TarImage.at(partial).named(name);
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          "<to><tarImageName> '" + name + "' is not a valid image reference; write name:tag", e);
    }
  }

  /**
   * The name jib gives a base it takes from the daemon, carrying the image ID the build read as its
   * digest: the build is pinned to that ID ({@link DaemonBase} answers jib for the name, which is
   * never sent to the daemon), and jib would otherwise warn on every build that a tag is not
   * reproducible. A {@code docker://} base keeps its repository; a registry or {@code tar://} base
   * that the daemon holds ({@link HeldBase}) has none there.
   */
  private ImageReference daemonBaseName() throws ImageBuildException {
    if (base.location().kind() == ImageLocation.Kind.DOCKER) {
      ImageReference named = daemonReference(base.location(), "<from><image>");
      return ImageReference.of(named.getRegistry(), named.getRepository(), null, base.imageId());
    }
    try {
      return ImageReference.parse("cp-image-held-base@" + base.imageId());
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("the base's image ID " + base.imageId() + ": " + e, e);
    }
  }

  private static ImageReference daemonReference(ImageLocation location, String where)
      throws ImageBuildException {
    try {
      return ImageReference.parse(location.reference());
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          where + " '" + location + "' is not a valid image reference; write name:tag", e);
    }
  }

  private static Path partialOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".partial");
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** Turns jib's failure (often wrapped in an ExecutionException) into a message with its cause. */
  static ImageBuildException failure(String what, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new ImageBuildException(
        what
            + " failed: "
            + cause.getClass().getSimpleName()
            + ": "
            + cause.getMessage()
            + hint(cause),
        cause);
  }

  private static String hint(Throwable cause) {
    if (cause instanceof RegistryUnauthorizedException) {
      return "; give credentials: <auth>, a settings.xml <server> whose id is the registry host, or"
          + " `docker login`";
    }
    if (cause instanceof InsecureRegistryException) {
      return "; for a registry without TLS set <allowInsecureRegistries>true</allowInsecureRegistries>";
    }
    return "";
  }
}
