package io.cpimage.build;

import io.cpimage.artifact.FileDigests;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Where the build meets its SBOM: what the base holds goes in first, the SBOM then goes into the
 * image's last layer at {@link ImageSbom#IMAGE_PATH}, beside the image's file tree ({@link
 * ImageFileTree}), and is copied beside {@code report.json} once the image is written.
 */
final class BuildSbom {
  private BuildSbom() {}

  /**
   * An SBOM of {@code base} (image, OS packages, Kafka jars, JDK) for the image {@code spec} makes,
   * the digests of the files the build adds from {@code digests}.
   */
  static ImageSbom start(ImageSpec spec, BaseImage base, FileDigests digests) {
    ImageLocation to = spec.target().image();
    ImageLocation from = spec.from();
    ImageSbom sbom =
        new ImageSbom(
            to.kind() == ImageLocation.Kind.TAR ? spec.target().tarImageName() : to.reference(),
            ImageSbom.toolVersion(),
            digests);
    // A tar base is named by its file name: a path of the build machine says nothing in the image.
    sbom.baseImage(
        from.kind() == ImageLocation.Kind.TAR
            ? from.tarPath().getFileName().toString()
            : from.reference(),
        base.imageId());
    BaseFilesystem filesystem = base.filesystem();
    sbom.operatingSystem(
        filesystem.textFollowingLinks("/etc/os-release"),
        filesystem.text(BaseFilesystem.DPKG_STATUS));
    filesystem.kafkaJars().forEach(sbom::baseJar);
    String javaHome = base.environment().get("JAVA_HOME");
    if (javaHome != null) {
      filesystem
          .text(javaHome + "/release")
          .ifPresent(release -> sbom.jdk(javaHome, release, null));
    }
    return sbom;
  }

  /** What the SBOM says a declared source is: a local path by its file name only. */
  static String sourceOf(ConnectorSource source) {
    return source instanceof ConnectorSource.LocalFile local
        ? String.valueOf(local.path().getFileName())
        : source.description();
  }

  /**
   * Writes the SBOM into the work directory (a directory of its own per platform, since every
   * platform is planned before any is built) and adds it to {@code layer}; returns the file.
   */
  static Path addTo(LayerPlanner.Layer layer, ImageSbom sbom, Path work, Platform platform)
      throws ImageBuildException, IOException {
    Path directory = work.resolve("sbom");
    if (platform != null) {
      directory = directory.resolve(platform.fileName());
    }
    Path file = Files.createDirectories(directory).resolve(ImageSbom.FILE_NAME);
    Files.write(file, sbom.toJson());
    layer.addFile(file, ImageSbom.IMAGE_PATH, LayerPlanner.FILE_MODE, "the SBOM");
    return file;
  }

  /**
   * Lists the jars of an {@code <extraDirectories>} tree {@code from}, laid in under {@code into}.
   */
  static void addExtraJars(ImageSbom sbom, Path from, String into) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (file.getFileName().toString().endsWith(".jar")) {
          sbom.extraJar(file, LayerPlanner.join(into, from.relativize(file).toString()));
        }
      }
    }
  }

  /**
   * Copies the SBOM beside {@code reportFile}, named after it so that two builds of one module
   * (base-images' lines, {@code report-kafka4.json}) keep one each: {@code report.json} gets {@code
   * sbom.cdx.json}, {@code report-kafka4.json} {@code sbom-kafka4.cdx.json}, another name {@code
   * <name>.sbom.cdx.json}; one platform's of a multi-platform build has the platform before {@code
   * .cdx.json} ({@code sbom.linux-arm64.cdx.json}). Returns the copy.
   */
  static Path copyBeside(Path sbomFile, Path reportFile, Platform platform) throws IOException {
    Path directory = Files.createDirectories(reportFile.toAbsolutePath().getParent());
    String name = besideName(reportFile.getFileName().toString());
    if (platform != null) {
      name = name.replace(".cdx.json", "." + platform.fileName() + ".cdx.json");
    }
    Path copy = directory.resolve(name);
    Path partial = directory.resolve(copy.getFileName() + ".partial");
    Files.copy(sbomFile, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return copy;
  }

  static String besideName(String reportName) {
    String base =
        reportName.endsWith(".json")
            ? reportName.substring(0, reportName.length() - 5)
            : reportName;
    if (base.startsWith("report")) {
      return "sbom" + base.substring("report".length()) + ".cdx.json";
    }
    return base + "." + ImageSbom.FILE_NAME;
  }
}
