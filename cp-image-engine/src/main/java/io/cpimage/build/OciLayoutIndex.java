package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Writes one OCI image layout tar holding an image index over single-platform OCI layout tars (as
 * jib writes one per platform): every blob once (the layers the platforms share are stored once),
 * the index as a blob with each image's platform, and {@code index.json} naming that index with the
 * image's name, as {@code docker buildx} lays it out. jib cannot write it (jib #4318); {@code
 * docker load} cannot read it with Docker's classic image store, which wants docker-save's {@code
 * manifest.json}.
 */
final class OciLayoutIndex {
  static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.nio.file.attribute.FileTime FILE_TIME =
      java.nio.file.attribute.FileTime.fromMillis(1000);

  private OciLayoutIndex() {}

  /** One platform's image: the OCI layout tar jib wrote for it. */
  record PlatformTar(Platform platform, Path tar) {}

  /**
   * Writes the layout of {@code images} to {@code out}, its index annotated with {@code imageName}
   * (name:tag); returns the index's digest.
   */
  static String write(List<PlatformTar> images, String imageName, Path out) throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX_MEDIA_TYPE);
    ArrayNode manifests = index.putArray("manifests");
    Set<String> written = new LinkedHashSet<>();
    try (OutputStream stream = Files.newOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(stream)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
      for (PlatformTar image : images) {
        try (TarFile file = new TarFile(image.tar())) {
          JsonNode manifest = null;
          for (TarArchiveEntry entry : file.getEntries()) {
            String name = BaseFilesystem.normalize(entry.getName()).substring(1);
            if (name.equals("index.json")) {
              try (InputStream in = file.getInputStream(entry)) {
                manifest = JSON.readTree(in).path("manifests").get(0);
              }
            } else if (name.startsWith("blobs/") && entry.isFile() && written.add(name)) {
              tar.putArchiveEntry(entry(name, entry.getSize()));
              try (InputStream in = file.getInputStream(entry)) {
                in.transferTo(tar);
              }
              tar.closeArchiveEntry();
            }
          }
          if (manifest == null) {
            throw new IOException(image.tar() + " holds no index.json: not an OCI layout");
          }
          ObjectNode descriptor = manifests.addObject();
          descriptor.put("mediaType", manifest.path("mediaType").asText());
          descriptor.put("digest", manifest.path("digest").asText());
          descriptor.put("size", manifest.path("size").asLong());
          ObjectNode platform = descriptor.putObject("platform");
          platform.put("architecture", image.platform().architecture());
          platform.put("os", image.platform().os());
        }
      }
      byte[] indexBytes = JSON.writeValueAsBytes(index);
      String digest = "sha256:" + ContentHashes.ofBytes(indexBytes);
      put(tar, "blobs/sha256/" + digest.substring("sha256:".length()), indexBytes);
      ObjectNode top = JSON.createObjectNode();
      top.put("schemaVersion", 2);
      top.put("mediaType", INDEX_MEDIA_TYPE);
      ObjectNode entry = top.putArray("manifests").addObject();
      entry.put("mediaType", INDEX_MEDIA_TYPE);
      entry.put("digest", digest);
      entry.put("size", indexBytes.length);
      ObjectNode annotations = entry.putObject("annotations");
      // containerd's importer reads the full name; the OCI spec's key holds the tag.
      annotations.put("io.containerd.image.name", imageName);
      annotations.put(
          "org.opencontainers.image.ref.name", imageName.substring(imageName.lastIndexOf(':') + 1));
      put(tar, "index.json", JSON.writeValueAsBytes(top));
      return digest;
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    tar.putArchiveEntry(entry(name, bytes.length));
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** An entry owned by root with jib's fixed file time, so the same images give the same tar. */
  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setModTime(FILE_TIME);
    return entry;
  }
}
