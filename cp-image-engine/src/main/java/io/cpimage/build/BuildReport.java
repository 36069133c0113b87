package io.cpimage.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What a build produced, as written to {@code target/cp-image/report.json}: base and result
 * digests, each layer's digest and contents, each artifact's source and checksum, and the effective
 * environment, volumes and user.
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
    Map<String, String> labels) {

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
