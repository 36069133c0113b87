package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A multi-platform base given as a tar: an OCI image layout ({@code index.json}, {@code
 * blobs/sha256/...}; its index may point at an image index, as buildx writes it, or straight at the
 * images) or a single docker-save tar. Says which platforms it holds and writes one platform's
 * image as the docker-save tar jib reads as a base (jib reads no OCI layout, jib #2173).
 */
final class OciLayoutBase implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOBS = "blobs/";

  private final ImageTar tar;

  private OciLayoutBase(ImageTar tar) {
    this.tar = tar;
  }

  /** Opens {@code tar}; the caller closes it. */
  static OciLayoutBase open(Path tar) throws IOException {
    return new OciLayoutBase(ImageTar.open(tar));
  }

  /** True for an OCI image layout without a docker-save {@code manifest.json}. */
  boolean isOciLayout() {
    return tar.has("index.json") && !tar.has(ImageTar.MANIFEST);
  }

  /** What the {@code manifest.json} of a docker-save tar says of its image. */
  ImageTar.Manifest dockerSaveManifest() throws IOException {
    return tar.manifest();
  }

  /**
   * Each platform the tar holds and its image manifest's digest, in the index's order. A
   * docker-save tar holds one image, whose config names its platform.
   */
  Map<Platform, String> platforms() throws IOException {
    Map<Platform, String> platforms = new LinkedHashMap<>();
    if (!isOciLayout()) {
      platforms.put(platformOf(json(tar.manifest().config())), "");
      return platforms;
    }
    collect(json("index.json"), platforms);
    return platforms;
  }

  private void collect(JsonNode index, Map<Platform, String> platforms) throws IOException {
    for (JsonNode descriptor : index.path("manifests")) {
      String mediaType = descriptor.path("mediaType").asText();
      String digest = descriptor.path("digest").asText();
      if (mediaType.endsWith("image.index.v1+json")
          || mediaType.endsWith("manifest.list.v2+json")) {
        collect(json(blobPath(digest)), platforms);
      } else if (descriptor.has("platform")) {
        platforms.putIfAbsent(platformOf(descriptor.path("platform")), digest);
      } else {
        JsonNode manifest = json(blobPath(digest));
        JsonNode config = json(blobPath(manifest.path("config").path("digest").asText()));
        platforms.putIfAbsent(platformOf(config), digest);
      }
    }
  }

  private static Platform platformOf(JsonNode node) {
    return new Platform(node.path("os").asText(), node.path("architecture").asText());
  }

  /**
   * Writes the image of {@code manifestDigest} (a value of {@link #platforms()}) to {@code out} as
   * a docker-save tar: its config and layers, and a {@code manifest.json} naming them.
   */
  void writeDockerSave(String manifestDigest, Path out) throws IOException {
    JsonNode manifest = json(blobPath(manifestDigest));
    String config = blobPath(manifest.path("config").path("digest").asText());
    List<String> layers = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      layers.add(blobPath(layer.path("digest").asText()));
    }
    ObjectNode entry = JSON.createObjectNode();
    entry.put("Config", config);
    entry.putArray("RepoTags");
    ArrayNode layerNames = entry.putArray("Layers");
    layers.forEach(layerNames::add);
    byte[] dockerManifest = JSON.writeValueAsBytes(JSON.createArrayNode().add(entry));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (OutputStream stream = Files.newOutputStream(partial);
        TarArchiveOutputStream saved = new TarArchiveOutputStream(stream)) {
      saved.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      saved.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry manifestEntry = new TarArchiveEntry(ImageTar.MANIFEST);
      manifestEntry.setSize(dockerManifest.length);
      saved.putArchiveEntry(manifestEntry);
      saved.write(dockerManifest);
      saved.closeArchiveEntry();
      List<String> names = new ArrayList<>();
      names.add(config);
      names.addAll(layers);
      for (String name : names.stream().distinct().toList()) {
        TarArchiveEntry copy = new TarArchiveEntry(name);
        copy.setSize(tar.size(name));
        saved.putArchiveEntry(copy);
        try (InputStream in = tar.open(name)) {
          in.transferTo(saved);
        }
        saved.closeArchiveEntry();
      }
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
  }

  private JsonNode json(String name) throws IOException {
    return JSON.readTree(new String(read(name), StandardCharsets.UTF_8));
  }

  /** The bytes of the entry {@code name} (a blob path or a docker-save file name). */
  byte[] read(String name) throws IOException {
    return tar.read(name);
  }

  /** A stream of the entry {@code name}; the caller closes it. */
  InputStream open(String name) throws IOException {
    return tar.open(name);
  }

  /** Where the blob of {@code digest} lies in an OCI image layout. */
  static String blobPath(String digest) {
    return BLOBS + digest.replace(':', '/');
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
