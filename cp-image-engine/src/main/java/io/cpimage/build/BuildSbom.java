package io.cpimage.build;

import io.cpimage.connector.ConnectorSource;
import io.cpimage.sbom.ImageSbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the build meets its SBOM: what the base holds goes in first, the SBOM then becomes the
 * image's last small layer at {@link ImageSbom#IMAGE_PATH}, and is copied beside {@code
 * report.json} once the image is written.
 */
final class BuildSbom {
  private BuildSbom() {}

  /**
   * An SBOM of {@code base} (image, OS packages, Kafka jars, JDK) for the image {@code spec} makes.
   */
  static ImageSbom start(ImageSpec spec, BaseImage base) {
    ImageLocation to = spec.target().image();
    ImageLocation from = spec.from();
    ImageSbom sbom =
        new ImageSbom(
            to.kind() == ImageLocation.Kind.TAR ? spec.target().tarImageName() : to.reference(),
            ImageSbom.toolVersion());
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
   * Writes the SBOM into the work directory and adds it as the layer {@code sbom}; returns the
   * file.
   */
  static Path addLayer(LayerPlanner planner, ImageSbom sbom, Path work)
      throws ImageBuildException, IOException {
    Path file = Files.createDirectories(work.resolve("sbom")).resolve(ImageSbom.FILE_NAME);
    Files.write(file, sbom.toJson());
    LayerPlanner.Layer layer = planner.layer("sbom");
    layer.addFile(file, ImageSbom.IMAGE_PATH, LayerPlanner.FILE_MODE, "the SBOM");
    layer.finish();
    return file;
  }

  /** Copies the SBOM beside {@code reportFile}; returns the copy. */
  static Path copyBeside(Path sbomFile, Path reportFile) throws IOException {
    Path directory = Files.createDirectories(reportFile.toAbsolutePath().getParent());
    Path copy = directory.resolve(ImageSbom.FILE_NAME);
    Path partial = directory.resolve(ImageSbom.FILE_NAME + ".partial");
    Files.copy(sbomFile, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return copy;
  }
}
