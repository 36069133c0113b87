package io.cpimage.build;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A build with {@code <platforms>}: one image per platform, each planned on that platform's base
 * (the added layers are the same bytes on every platform, so registries and the layout store them
 * once), then gathered by the target. A registry gets each platform's image (tagged {@code
 * <tag>-<os>-<arch>}) and a manifest list under the tag and the extra tags; {@code tar://} gets an
 * OCI image layout holding the index; the Docker daemon, which holds one platform's image per name,
 * gets the one platform declared, or else its own. With nothing changed it stops, as a
 * single-platform build does, at the up-to-date check ({@link BuildFingerprint}).
 */
final class PlatformBuild {
  private final ImageSpec spec;
  private final Consumer<LogEvent> log;

  private PlatformBuild(ImageSpec spec, Consumer<LogEvent> log) {
    this.spec = spec;
    this.log = log;
  }

  static BuildResult run(ImageSpec spec, Consumer<LogEvent> log)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    return new PlatformBuild(spec, log).run();
  }

  private BuildResult run()
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    ImageLocation to = spec.target().image();
    refuseUnsupported(to);
    // The daemon's platform is an input of the image it gets: asked before the up-to-date check
    // (`docker version`, only when several platforms are declared).
    List<Platform> platforms =
        to.kind() == ImageLocation.Kind.DOCKER ? List.of(daemonPlatform()) : spec.platforms();
    BuildFingerprint fingerprint =
        BuildFingerprint.of(spec, platforms, ImageBuild.pipeline(spec.settings()), log);
    return fingerprint.unlessUpToDate(() -> build(to, platforms, fingerprint));
  }

  /** Builds the image of each of {@code platforms} and gathers them in {@code to}. */
  private BuildReport build(
      ImageLocation to, List<Platform> platforms, BuildFingerprint fingerprint)
      throws ImageBuildException, ArtifactException, IOException, InterruptedException {
    if (to.kind() == ImageLocation.Kind.DOCKER
        && spec.platforms().size() > 1
        && DockerCli.daemonAnswers()) {
      log.accept(
          LogEvent.lifecycle(
              "The Docker daemon runs "
                  + platforms.get(0)
                  + ": loading that platform's image only (a registry or tar:// target takes"
                  + " all)"));
    }
    Map<Platform, BaseImage> bases = PlatformBases.load(spec, fingerprint.base(), platforms, log);
    List<ImageBuild.Planned> planned = new ArrayList<>();
    for (Platform platform : platforms) {
      log.accept(LogEvent.lifecycle("Planning the " + platform + " image"));
      planned.add(ImageBuild.plan(spec, bases.get(platform), platform, log));
    }
    return switch (to.kind()) {
      case DOCKER -> toDaemon(to, platforms.get(0), planned.get(0), fingerprint.daemon());
      case TAR -> toLayout(to, platforms, planned);
      case REGISTRY -> toRegistry(to, platforms, planned);
    };
  }

  /**
   * The one platform a daemon target gets: the one declared, else the daemon's own when declared;
   * with no daemon answering, the first declared (the build then writes only {@code <outputTar>}).
   */
  private Platform daemonPlatform() throws ImageBuildException {
    List<Platform> declared = spec.platforms();
    if (declared.size() == 1) {
      return declared.get(0);
    }
    var daemon = DockerCli.daemonPlatform();
    if (daemon.isEmpty()) {
      return declared.get(0);
    }
    if (!declared.contains(daemon.get())) {
      throw new ImageBuildException(
          "<platforms>: <to><image> '"
              + spec.target().image()
              + "' is the Docker daemon, which runs "
              + daemon.get()
              + " and holds one platform's image under a name; <platforms> lists "
              + String.join(", ", declared.stream().map(Platform::toString).toList())
              + ". Name the one to load: -Dcp-image.platforms="
              + declared.get(0));
    }
    return daemon.get();
  }

  /** Refuses what no platform's build can write; asks nothing of the base, daemon or registry. */
  private void refuseUnsupported(ImageLocation to) throws ImageBuildException {
    if (to.kind() != ImageLocation.Kind.DOCKER && spec.target().outputTar() != null) {
      throw new ImageBuildException(
          "<outputTar> is a docker-save tar of one image, but <platforms> builds an image index"
              + " to '"
              + to
              + "'; drop <outputTar>, or build one platform to tar:// or docker://");
    }
    // The daemon gets one platform's image, whichever <platforms> lists.
    if (spec.jdk() != null
        && to.kind() != ImageLocation.Kind.DOCKER
        && spec.platforms().size() > 1) {
      throw new ImageBuildException(
          "<jdk> is one JDK build, made for one architecture, but <platforms> lists "
              + String.join(", ", spec.platforms().stream().map(Platform::toString).toList())
              + "; drop <jdk>, or build one platform at a time (-Dcp-image.platforms=...) with"
              + " that platform's JDK");
    }
    if (to.kind() == ImageLocation.Kind.REGISTRY) {
      // Asked only then: ContainerBuild's class is jib's, which a build with nothing changed to
      // tar:// or docker:// need not load.
      ContainerBuild.refuseOfflineRegistry(to, spec.settings().offline());
    }
  }

  private BuildReport toDaemon(
      ImageLocation to, Platform platform, ImageBuild.Planned planned, DaemonImages daemon)
      throws ImageBuildException, IOException, InterruptedException {
    List<String> outputs = new ArrayList<>();
    JibContainer result = planned.build().containerize(to, planned.layers(), daemon, outputs);
    String digest = result.getDigest().toString();
    BuildReport.PlatformRecord record = record(platform, digest, planned);
    return planned.report(
        to.toString(),
        digest,
        result.getImageId().toString(),
        outputs,
        record.sbom(),
        List.of(record));
  }

  private BuildReport toLayout(
      ImageLocation to, List<Platform> platforms, List<ImageBuild.Planned> planned)
      throws ImageBuildException, IOException, InterruptedException {
    String name = spec.target().tarImageName();
    Path directory = Files.createDirectories(spec.settings().workDirectory().resolve("platforms"));
    List<OciLayoutIndex.PlatformTar> tars = new ArrayList<>();
    List<BuildReport.PlatformRecord> records = new ArrayList<>();
    for (int i = 0; i < platforms.size(); i++) {
      Platform platform = platforms.get(i);
      Path tar = directory.resolve(platform.fileName() + ".tar");
      JibContainer result =
          planned
              .get(i)
              .build()
              .containerizePlatform(
                  Containerizer.to(ContainerBuild.tarImage(tar, name)),
                  "writing the " + platform + " image",
                  ImageFormat.OCI);
      tars.add(new OciLayoutIndex.PlatformTar(platform, tar));
      records.add(record(platform, result.getDigest().toString(), planned.get(i)));
    }
    Path partial = to.tarPath().resolveSibling(to.tarPath().getFileName() + ".partial");
    try {
      Files.createDirectories(partial.toAbsolutePath().getParent());
      String digest = OciLayoutIndex.write(tars, name, partial);
      Files.move(
          partial,
          to.tarPath(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      log.accept(
          LogEvent.lifecycle(
              "Wrote "
                  + to
                  + ": an OCI image layout of "
                  + platforms.size()
                  + " platforms, which `docker load` cannot read with Docker's classic image store; load one"
                  + " platform with -Dcp-image.platforms=linux/<arch> and a docker:// or"
                  + " single-platform tar:// target, or copy it to a registry (skopeo copy"
                  + " --all oci-archive:... docker://...)"));
      return planned
          .get(0)
          .report(to.toString(), digest, null, List.of(to.toString()), null, records);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private BuildReport toRegistry(
      ImageLocation to, List<Platform> platforms, List<ImageBuild.Planned> planned)
      throws ImageBuildException, IOException, InterruptedException {
    List<RegistryIndex.PlatformImage> images = new ArrayList<>();
    List<BuildReport.PlatformRecord> records = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    outputs.add(to.toString());
    for (int i = 0; i < platforms.size(); i++) {
      Platform platform = platforms.get(i);
      ImageLocation platformTarget = platformTag(to, platform);
      outputs.add(platformTarget.toString());
      JibContainer result =
          planned
              .get(i)
              .build()
              .containerizePlatform(
                  Containerizer.to(RegistryCredentials.registryImage(platformTarget, log)),
                  "pushing " + platformTarget,
                  ImageFormat.Docker);
      images.add(new RegistryIndex.PlatformImage(platform, result.getDigest()));
      records.add(record(platform, result.getDigest().toString(), planned.get(i)));
    }
    log.accept(LogEvent.lifecycle("Pushing the image index " + to));
    String digest =
        RegistryIndex.connect(to, true, log).pushIndex(images, spec.target().tags()).toString();
    return planned.get(0).report(to.toString(), digest, null, outputs, null, records);
  }

  /** {@code to} with the tag {@code <tag>-<os>-<arch>}: where one platform's image is pushed. */
  static ImageLocation platformTag(ImageLocation to, Platform platform) {
    ImageReference reference = to.registryReference();
    ImageReference tagged =
        ImageReference.of(
            reference.getRegistry(),
            reference.getRepository(),
            reference.getTag().orElse("latest") + "-" + platform.fileName());
    return new ImageLocation(
        ImageLocation.Kind.REGISTRY,
        tagged.toString(),
        null,
        tagged,
        to.credentials(),
        to.allowInsecureRegistries());
  }

  /**
   * One platform's record, its SBOM copied beside the report ({@code sbom.<os>-<arch>.cdx.json}).
   */
  private BuildReport.PlatformRecord record(
      Platform platform, String digest, ImageBuild.Planned planned) throws IOException {
    Path sbom = BuildSbom.copyBeside(planned.sbomFile(), spec.settings().reportFile(), platform);
    log.accept(
        LogEvent.lifecycle(
            "SBOM of " + platform + ": " + sbom + ", in the image at " + ImageSbom.IMAGE_PATH));
    return new BuildReport.PlatformRecord(
        platform.toString(), digest, planned.build().base().imageId(), sbom.toString());
  }
}
