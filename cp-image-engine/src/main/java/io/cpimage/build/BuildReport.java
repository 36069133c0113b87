package io.cpimage.build;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a build produced, as written to {@code target/cp-image/report.json}: base and result
 * digests, each layer's digest and contents, each artifact's source and checksum, and the effective
 * environment, volumes and user, where the build wrote the image's SBOM ({@code sbom.cdx.json}
 * beside it), and for a multi-platform build each platform's digest and SBOM. The file's only
 * writer and reader: {@code cp-image:verify-ready} reads the connectors' plugin classes and the
 * loaded image from it.
 */
public record BuildReport(
    String baseImage,
    String baseImageId,
    String image,
    String digest,
    String imageId,
    List<String> tags,
    List<String> outputs,
    List<LayerRecord> layers,
    List<ArtifactRecord> artifacts,
    List<ConnectorRecord> connectors,
    Map<String, String> environment,
    List<String> volumes,
    String user,
    Map<String, String> labels,
    String sbom,
    List<PlatformRecord> platforms) {

  /** Where an image loaded into the local Docker daemon is named, in {@code image} and outputs. */
  private static final String DAEMON = "docker://";

  /**
   * Reads the file as {@code write} left it; a field absent from the file (a report of an older
   * build) is null, and one this class does not know is ignored.
   */
  public static BuildReport read(Path file) throws IOException {
    return new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(file.toFile(), BuildReport.class);
  }

  /** The Connect plugin classes of every connector, in the order the build found them. */
  public List<String> pluginClasses() {
    List<String> classes = new ArrayList<>();
    for (ConnectorRecord connector : nullToEmpty(connectors)) {
      classes.addAll(nullToEmpty(connector.pluginClasses()));
    }
    return classes;
  }

  /**
   * The name under which the local Docker daemon holds the image: {@code image} when that is a
   * {@code docker://} target, else the first such output; null when the build loaded none.
   */
  public String daemonImage() {
    if (image != null && image.startsWith(DAEMON)) {
      return image.substring(DAEMON.length());
    }
    for (String output : nullToEmpty(outputs)) {
      if (output != null && output.startsWith(DAEMON)) {
        return output.substring(DAEMON.length());
      }
    }
    return null;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /**
   * One platform's image of a multi-platform build ({@code <platforms>}): its platform ({@code
   * linux/arm64}), manifest digest and base image ID; {@code digest} is then the index's.
   */
  public record PlatformRecord(String platform, String digest, String baseImageId, String sbom) {}

  /** One added layer: its name, diff id (sha256 of the uncompressed tar) and files. */
  public record LayerRecord(String name, String diffId, List<String> files) {}

  /**
   * One connector: its directory in the image and the Connect plugin classes found in it (what
   * {@code cp-image:verify-ready} expects the worker to list).
   */
  public record ConnectorRecord(String name, String directory, List<String> pluginClasses) {}

  /** One artifact file: where it was declared, its source, its name and checksum. */
  public record ArtifactRecord(String where, String source, String file, String sha256) {}

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(partial.toFile(), this);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
