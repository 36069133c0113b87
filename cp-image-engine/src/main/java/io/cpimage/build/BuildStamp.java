package io.cpimage.build;

import io.cpimage.artifact.CacheFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the up-to-date check needs of the last build, kept beside {@code report.json}: the inputs'
 * fingerprint, the image's name, digest and ID (empty for an image index, which has none), the
 * outputs, the state of each tar written, and each platform's image digest (a {@code <platforms>}
 * build's, in the order of the report's {@code platforms}; none for a single-platform build). A
 * plain properties file, sealed and renamed into place whole ({@link CacheFiles}), so that a build
 * with nothing changed reads neither the JSON report nor anything of jib; a stamp that is missing,
 * damaged or of another format reads as absent, and the build runs.
 */
record BuildStamp(
    String fingerprint,
    String image,
    String digest,
    String imageId,
    List<String> outputs,
    List<String> tars,
    List<String> platformDigests) {
  private static final String FORMAT = "cp-image build stamp 2";

  /** The stamp in {@code file}, if there is a whole one of this format. */
  static Optional<BuildStamp> read(Path file) {
    Optional<byte[]> payload = CacheFiles.read(file);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(new String(payload.get(), StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (String key : List.of("format", "fingerprint", "image", "digest", "imageId")) {
      String value = properties.getProperty(key);
      if (value == null) {
        return Optional.empty();
      }
      values.add(value);
    }
    if (!values.get(0).equals(FORMAT)) {
      return Optional.empty();
    }
    Optional<List<String>> outputs = list(properties, "output");
    Optional<List<String>> tars = list(properties, "tar");
    Optional<List<String>> platformDigests = list(properties, "platformDigest");
    if (outputs.isEmpty() || tars.isEmpty() || platformDigests.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BuildStamp(
            values.get(1),
            values.get(2),
            values.get(3),
            values.get(4),
            outputs.get(),
            tars.get(),
            platformDigests.get()));
  }

  /** Writes the stamp to {@code file}, whole or not at all. */
  void write(Path file) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("format", FORMAT);
    properties.setProperty("fingerprint", fingerprint);
    properties.setProperty("image", image);
    properties.setProperty("digest", digest);
    properties.setProperty("imageId", imageId);
    put(properties, "output", outputs);
    put(properties, "tar", tars);
    put(properties, "platformDigest", platformDigests);
    StringWriter text = new StringWriter();
    properties.store(text, null);
    CacheFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void put(Properties properties, String prefix, List<String> values) {
    properties.setProperty(prefix + ".count", String.valueOf(values.size()));
    for (int i = 0; i < values.size(); i++) {
      properties.setProperty(prefix + "." + i, values.get(i));
    }
  }

  /** The list under {@code prefix}; empty when its count does not parse or an item is missing. */
  private static Optional<List<String>> list(Properties properties, String prefix) {
    List<String> values = new ArrayList<>();
    int count;
    try {
      count = Integer.parseInt(properties.getProperty(prefix + ".count", ""));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    for (int i = 0; i < count; i++) {
      String value = properties.getProperty(prefix + "." + i);
      if (value == null) {
        return Optional.empty();
      }
      values.add(value);
    }
    return Optional.of(List.copyOf(values));
  }
}
