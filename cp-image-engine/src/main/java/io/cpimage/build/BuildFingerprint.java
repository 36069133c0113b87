package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.connector.ConnectorPipeline;
import io.cpimage.connector.ConnectorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every input of a build in one SHA-256, kept beside {@code report.json} in the {@link BuildStamp}
 * after a build succeeds: the spec as resolved, the base's identity, each connector, library, JDK
 * and extra directory's content (by size and time once hashed, {@link ContentHashes}), and the
 * engine's own code (its jar, which carries the utility belt). When it matches and the target still
 * holds what the stamp says, the build has nothing to do. The base's identity is its image ID for a
 * {@code docker://} or {@code tar://} base; for a {@code docker://} base and target, one {@code
 * docker image inspect} gives the base's ID and the target's, and their layers for a load into the
 * daemon ({@link DaemonImages}). A registry base is known by the digest of the image manifest its
 * tag names for the build's platform (one manifest request, {@link RegistryIdentity}), so a tag
 * that moves builds again; a registry target holds the image while its tag and each extra tag still
 * name the digest the last build pushed (one manifest request each). A {@code <platforms>} build is
 * known the same way, its base by what names every platform's image at once: the digest of the
 * index a registry tag names, or of an OCI layout tar's {@code index.json}; its registry or {@code
 * tar://} target holds an image index, known by its digest. A download without a checksum has no
 * identity before it is fetched, nor has a registry that cannot be asked (or a registry base under
 * {@code -o}): such a build always runs.
 */
final class BuildFingerprint {
  private static final String FORMAT = "cp-image build fingerprint 2";

  /** How an OCI image layout base's identity begins: the digest of its index.json follows. */
  private static final String LAYOUT = "oci-layout sha256:";

  private final ImageSpec spec;
  private final ImageLocation base;
  private final Path file;
  private final Optional<String> value;
  private final Optional<String> baseId;
  private final DaemonImages daemon;
  private final Optional<RegistryIdentity.Base> registryBase;
  private final Consumer<LogEvent> log;

  private BuildFingerprint(
      ImageSpec spec,
      ImageLocation base,
      Optional<String> value,
      Optional<String> baseId,
      DaemonImages daemon,
      Optional<RegistryIdentity.Base> registryBase,
      Consumer<LogEvent> log) {
    this.spec = spec;
    this.base = base;
    Path report = spec.settings().reportFile();
    this.file = report.resolveSibling(report.getFileName() + ".stamp");
    this.value = value;
    this.baseId = baseId;
    this.daemon = daemon;
    this.registryBase = registryBase;
    this.log = log;
  }

  /**
   * The fingerprint of {@code spec}'s inputs, fetched through {@code pipeline}; a registry that
   * cannot be asked says so in {@code log}.
   */
  static BuildFingerprint of(ImageSpec spec, ConnectorPipeline pipeline, Consumer<LogEvent> log)
      throws ArtifactException, IOException {
    return of(spec, List.of(), pipeline, log);
  }

  /**
   * As {@link #of(ImageSpec, ConnectorPipeline, Consumer)} for a {@code <platforms>} build, which
   * makes the images of {@code platforms}: those declared, or for the daemon the one it gets (of
   * several declared, the daemon's own), so that a daemon of another platform builds again.
   */
  static BuildFingerprint of(
      ImageSpec spec, List<Platform> platforms, ConnectorPipeline pipeline, Consumer<LogEvent> log)
      throws ArtifactException, IOException {
    ImageLocation from = spec.from();
    if (from.kind() == ImageLocation.Kind.REGISTRY) {
      // Offline, jib's cache alone knows the base, by a tag that may have moved since: no identity.
      Optional<RegistryIdentity.Base> registryBase = Optional.empty();
      Optional<String> base = Optional.empty();
      if (!spec.settings().offline() && spec.multiPlatform()) {
        // The index the tag names lists every platform's image by digest: one digest for all.
        base = RegistryIdentity.tagDigest(from, log);
      } else if (!spec.settings().offline()) {
        registryBase = RegistryIdentity.base(from, RegistryIdentity.DEFAULT_PLATFORM, log);
        base = registryBase.map(RegistryIdentity.Base::manifestDigest);
      }
      if (base.isPresent()) {
        // Pulled by the digest checked: a tag moved meanwhile cannot give an image of another ID.
        from = from.pinned(base.get());
      }
      // With the base's image ID when the registry gave it (no request more): a load into the
      // daemon then knows whether it holds the base.
      DaemonImages daemon =
          DaemonImages.ask(
              registryBase.flatMap(RegistryIdentity.Base::imageIdRead), daemonNames(spec));
      return new BuildFingerprint(
          spec,
          from,
          compute(spec, platforms, pipeline, base),
          Optional.empty(),
          daemon,
          registryBase,
          log);
    }
    // The base's ID and the target's names in one call; the base is asked alone only when the
    // daemon lacks it or its answer cannot be told apart (DaemonImages).
    List<String> names = daemonNames(spec);
    DaemonImages daemon = DaemonImages.none();
    Optional<String> base = Optional.empty();
    if (from.kind() == ImageLocation.Kind.DOCKER && !names.isEmpty()) {
      List<String> asked = new ArrayList<>(names);
      asked.add(0, from.reference());
      daemon = DaemonImages.ask(Optional.empty(), asked);
      base = daemon.ids(List.of(from.reference())).map(ids -> ids.get(0));
    }
    if (base.isEmpty()) {
      base = baseIdentity(spec);
    }
    // An OCI layout's identity is no image ID: a <platforms> build loads its bases itself.
    Optional<String> baseId = base.filter(identity -> !identity.startsWith(LAYOUT));
    if (from.kind() != ImageLocation.Kind.DOCKER) {
      // With the tar's image ID, which the daemon may hold.
      daemon = DaemonImages.ask(baseId, names);
    }
    return new BuildFingerprint(
        spec,
        from,
        compute(spec, platforms, pipeline, base),
        baseId,
        daemon,
        Optional.empty(),
        log);
  }

  /**
   * The base as the build takes it: a registry base by the digest of the manifest its tag named
   * when this fingerprint read it (so the image built is the one fingerprinted), shown as written.
   */
  ImageLocation base() {
    return base;
  }

  /**
   * The base's image ID as this fingerprint read it (from the daemon for a {@code docker://} base),
   * so that the build that follows need not ask again; for a registry base, the ID the daemon gives
   * it once pulled (its config's digest in the registry). Empty when it could not be read.
   */
  Optional<String> baseId() {
    return registryBase.isPresent() ? registryBase.get().imageId() : baseId;
  }

  /**
   * What the daemon said of the base and the target while this fingerprint was taken: a load into
   * it reads their layers from here rather than asking again.
   */
  DaemonImages daemon() {
    return daemon;
  }

  private static Optional<String> compute(
      ImageSpec spec, List<Platform> platforms, ConnectorPipeline pipeline, Optional<String> base)
      throws ArtifactException, IOException {
    List<String> parts = new ArrayList<>();
    parts.add(FORMAT);
    parts.add(SpecText.of(spec));
    if (!platforms.isEmpty()) {
      parts.add("platforms " + platforms);
    }
    if (base.isEmpty()) {
      return Optional.empty();
    }
    parts.add("base " + base.get());
    List<Source> sources = new ArrayList<>();
    if (spec.jdk() != null) {
      sources.add(new Source(spec.jdk().source(), spec.jdk().where()));
    }
    for (ImageSpec.LibrarySpec library : spec.libraries()) {
      sources.add(new Source(library.source(), library.where()));
    }
    for (ImageSpec.ConnectorSpec connector : spec.connectors()) {
      sources.add(new Source(connector.source(), connector.where()));
      for (ImageSpec.LibrarySpec library : connector.libraries()) {
        sources.add(new Source(library.source(), library.where()));
      }
    }
    for (Source source : sources) {
      Optional<List<String>> identity = pipeline.contentIdentity(source.source(), source.where());
      if (identity.isEmpty()) {
        return Optional.empty();
      }
      parts.add(source.where() + " " + identity.get());
    }
    ContentHashes hashes = pipeline.contentHashes();
    for (ImageSpec.ExtraDirectory directory : spec.extraDirectories()) {
      parts.add(
          directory.from()
              + " "
              + (Files.isDirectory(directory.from()) ? hashes.of(directory.from()) : "absent"));
    }
    Optional<String> engine = EngineCode.identity(hashes);
    if (engine.isEmpty()) {
      return Optional.empty();
    }
    parts.add("engine " + engine.get());
    return Optional.of(ContentHashes.ofParts(parts));
  }

  private record Source(ConnectorSource source, String where) {}

  /**
   * The identity of a {@code docker://} or {@code tar://} base, read without its layers: its image
   * ID, or for the OCI image layout a {@code <platforms>} build reads, its {@code index.json}.
   */
  private static Optional<String> baseIdentity(ImageSpec spec) {
    ImageLocation from = spec.from();
    return from.kind() == ImageLocation.Kind.DOCKER
        ? DockerCli.imageId(from.reference())
        : tarIdentity(from.tarPath(), spec.multiPlatform());
  }

  /**
   * A docker-save tar's image ID from its headers, manifest and config alone; with {@code layout},
   * an OCI image layout's by the digest of its {@code index.json}, which names every image in it by
   * digest (as the index it points to does). Empty for a gzipped, unreadable or unusual tar, which
   * the build then reads whole (and refuses if it must).
   */
  private static Optional<String> tarIdentity(Path tar, boolean layout) {
    try (ImageTar image = ImageTar.open(tar)) {
      if (layout && image.has("index.json") && !image.has(ImageTar.MANIFEST)) {
        return Optional.of(LAYOUT + ContentHashes.ofBytes(image.read("index.json")));
      }
      return Optional.of(image.imageId());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What a build does once it is not up to date: makes the image and says what it made. */
  interface Build {
    BuildReport run()
        throws ImageBuildException, ArtifactException, IOException, InterruptedException;
  }

  /**
   * The last build's result when it is up to date; else runs {@code build} between dropping the
   * stamp and keeping the new one, once its report is written: every build's one protocol, so that
   * no stamp vouches for a target the build may have changed or for a report not written.
   */
  BuildResult unlessUpToDate(Build build)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    Optional<BuildResult> current = upToDate();
    if (current.isPresent()) {
      return current.get();
    }
    forget();
    BuildReport report = build.run();
    Path reportFile = spec.settings().reportFile();
    report.write(reportFile);
    keep(report);
    return BuildResult.built(report, reportFile);
  }

  /**
   * The last build's result, logged as up to date, when it had this fingerprint and its target
   * still holds its image; empty when the build must run.
   */
  private Optional<BuildResult> upToDate() {
    Optional<BuildStamp> kept = keptAndHeld();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    BuildStamp stamp = kept.get();
    log.accept(
        LogEvent.lifecycle(
            "Image "
                + spec.target().image()
                + " is up to date ("
                // An image index has no image ID; its digest names it.
                + (stamp.imageId().isEmpty() ? stamp.digest() : stamp.imageId())
                + "): no input changed"));
    return Optional.of(
        new BuildResult(stamp.image(), stamp.digest(), true, spec.settings().reportFile()));
  }

  /**
   * The stamp of the last build when it had this fingerprint and its target still holds its image:
   * the report is there, the daemon has the image ID under every name, the registry names the
   * pushed digest under every tag, each tar is the file that build wrote.
   */
  private Optional<BuildStamp> keptAndHeld() {
    if (value.isEmpty() || !Files.isRegularFile(spec.settings().reportFile())) {
      return Optional.empty();
    }
    Optional<BuildStamp> kept = BuildStamp.read(file);
    if (kept.isEmpty()
        || !kept.get().fingerprint().equals(value.get())
        || !kept.get().outputs().equals(outputs())) {
      return Optional.empty();
    }
    try {
      if (!kept.get().tars().equals(tarStates())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    List<String> names = daemonNames(spec);
    Optional<List<String>> daemonIds = daemon.ids(names);
    if (!names.isEmpty()
        && (daemonIds.isEmpty()
            || !daemonIds.get().stream().allMatch(id -> id.equals(kept.get().imageId())))) {
      return Optional.empty();
    }
    ImageLocation to = spec.target().image();
    // Asked last: the only check that costs a round trip. Offline, the build refuses the target.
    if (to.kind() == ImageLocation.Kind.REGISTRY
        && (spec.settings().offline()
            || !RegistryIdentity.holds(to, registryTags(to, kept.get()), log))) {
      return Optional.empty();
    }
    return kept;
  }

  /**
   * The digest each tag of a registry target names after the build {@code stamp} keeps: its tag and
   * extra tags the image's (a {@code <platforms>} build's: the index's), each {@code
   * <tag>-<os>-<arch>} of a {@code <platforms>} build that platform's image's.
   */
  private Map<String, String> registryTags(ImageLocation to, BuildStamp stamp) {
    Map<String, String> digests = new LinkedHashMap<>();
    digests.put(to.registryReference().getQualifier(), stamp.digest());
    for (String tag : spec.target().tags()) {
      digests.put(tag, stamp.digest());
    }
    if (spec.multiPlatform()) {
      List<Platform> platforms = spec.platforms();
      for (int i = 0; i < platforms.size(); i++) {
        String tag =
            PlatformBuild.platformTag(to, platforms.get(i)).registryReference().getQualifier();
        // A stamp without the digest (none matches "") builds again.
        digests.put(tag, i < stamp.platformDigests().size() ? stamp.platformDigests().get(i) : "");
      }
    }
    return digests;
  }

  /** Drops the kept stamp: from here on, until {@link #keep}, the target may change. */
  private void forget() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Keeps the stamp of the build that just wrote {@code report} and its outputs. */
  private void keep(BuildReport report) throws IOException {
    if (value.isEmpty()) {
      return;
    }
    new BuildStamp(
            value.get(),
            report.image(),
            report.digest(),
            // An image index (a registry or tar:// target of <platforms>) has none.
            report.imageId() == null ? "" : report.imageId(),
            report.outputs(),
            tarStates(),
            report.platforms().stream().map(BuildReport.PlatformRecord::digest).toList())
        .write(file);
  }

  /** What a build of this spec lists as its outputs, in the order it writes them. */
  private List<String> outputs() {
    List<String> outputs = new ArrayList<>();
    ImageLocation to = spec.target().image();
    outputs.add(to.toString());
    if (spec.multiPlatform() && to.kind() == ImageLocation.Kind.REGISTRY) {
      for (Platform platform : spec.platforms()) {
        outputs.add(PlatformBuild.platformTag(to, platform).toString());
      }
    }
    if (spec.target().outputTar() != null) {
      outputs.add("tar://" + spec.target().outputTar());
    }
    return outputs;
  }

  /** The tars the build writes, each as its path, size and modification time. */
  private List<String> tarStates() throws IOException {
    List<String> states = new ArrayList<>();
    if (spec.target().image().kind() == ImageLocation.Kind.TAR) {
      states.add(ContentHashes.stateOf(spec.target().image().tarPath()));
    }
    if (spec.target().outputTar() != null) {
      states.add(ContentHashes.stateOf(spec.target().outputTar()));
    }
    return states;
  }

  /** The target's name and its tags in the daemon; none for other targets. */
  private static List<String> daemonNames(ImageSpec spec) {
    ImageLocation to = spec.target().image();
    if (to.kind() != ImageLocation.Kind.DOCKER) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    names.add(to.reference());
    String reference = to.reference();
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    String repository = colon > slash ? reference.substring(0, colon) : reference;
    for (String tag : spec.target().tags()) {
      names.add(repository + ":" + tag);
    }
    return names;
  }
}
