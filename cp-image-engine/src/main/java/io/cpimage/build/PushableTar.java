package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tar that {@link PlatformPush} pushes, read whole and checked before anything is sent: a
 * docker-save tar as cp-image:build writes it (one platform, gzipped layers; its manifest is made
 * here, as Docker v2.2) or an OCI image layout tar (each platform its index holds, manifests as
 * they are). Names each blob by its digest, and the image names the tar carries.
 */
final class PushableTar implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WHERE = "<images>";

  /**
   * One platform's image: its manifest and, by digest, the tar entry of each blob it names (the
   * config and the layers).
   */
  record Image(
      Platform platform,
      String variant,
      BuildableManifestTemplate manifest,
      Map<DescriptorDigest, String> blobs,
      PushableTar tar) {}

  private final Path path;
  private final OciLayoutBase tar;
  private final List<Image> images = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private PushableTar(Path path, OciLayoutBase tar) {
    this.path = path;
    this.tar = tar;
  }

  /** Reads {@code path}; the caller closes the result. */
  static PushableTar read(Path path) throws ImageBuildException {
    if (!Files.isRegularFile(path)) {
      throw new ImageBuildException(
          WHERE
              + ": no file "
              + path
              + "; build it first (cp-image:build to a tar:// target, or with <outputTar>), or"
              + " correct the path");
    }
    PushableTar pushable = null;
    try {
      pushable = new PushableTar(path, OciLayoutBase.open(path));
      if (pushable.tar.isOciLayout()) {
        pushable.readLayout();
      } else {
        pushable.readDockerSave();
      }
      return pushable;
    } catch (IOException | RuntimeException e) {
      close(pushable);
      throw new ImageBuildException(
          WHERE
              + ": "
              + path
              + " is neither a docker-save tar nor an OCI image layout tar ("
              + e.getMessage()
              + "); give the tars cp-image:build writes (a tar:// target or <outputTar>)",
          e);
    } catch (ImageBuildException e) {
      close(pushable);
      throw e;
    }
  }

  private static void close(PushableTar pushable) {
    if (pushable != null) {
      try {
        pushable.close();
      } catch (IOException ignored) {
        // The tar was only read; the failure being reported is the one that matters.
      }
    }
  }

  private void readDockerSave() throws IOException, ImageBuildException {
    ImageTar.Manifest entry = tar.dockerSaveManifest();
    if (entry.images() != 1) {
      throw new ImageBuildException(
          WHERE
              + ": "
              + path
              + " holds "
              + entry.images()
              + " images; give one docker-save tar per image (as cp-image:build writes them)");
    }
    byte[] config = tar.read(entry.config());
    BlobDescriptor configBlob = Digests.computeDigest(new ByteArrayInputStream(config));
    Map<DescriptorDigest, String> blobs = new LinkedHashMap<>();
    blobs.put(configBlob.getDigest(), entry.config());
    V22ManifestTemplate manifest = new V22ManifestTemplate();
    manifest.setContainerConfiguration(configBlob.getSize(), configBlob.getDigest());
    for (String layer : entry.layers()) {
      if (!gzipped(layer)) {
        // A registry stores layers compressed; docker save writes them plain.
        throw new ImageBuildException(
            WHERE
                + ": "
                + path
                + ": the layer "
                + layer
                + " is not gzipped, as `docker save` writes them; push tars cp-image:build wrote"
                + " (a tar:// target or <outputTar>), or push the image with `docker push`");
      }
      BlobDescriptor blob;
      try (InputStream in = tar.open(layer)) {
        blob = Digests.computeDigest(in);
      }
      manifest.addLayer(blob.getSize(), blob.getDigest());
      blobs.put(blob.getDigest(), layer);
    }
    JsonNode configJson = JSON.readTree(config);
    images.add(new Image(platformOf(configJson), variantOf(configJson), manifest, blobs, this));
    names.addAll(entry.repoTags());
  }

  private boolean gzipped(String entry) throws IOException {
    try (InputStream in = tar.open(entry)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private void readLayout() throws IOException, ImageBuildException {
    for (Map.Entry<Platform, String> held : tar.platforms().entrySet()) {
      byte[] bytes = tar.read(OciLayoutBase.blobPath(held.getValue()));
      boolean docker =
          V22ManifestTemplate.MANIFEST_MEDIA_TYPE.equals(
              JSON.readTree(bytes).path("mediaType").asText());
      Class<? extends BuildableManifestTemplate> type =
          docker ? V22ManifestTemplate.class : OciManifestTemplate.class;
      BuildableManifestTemplate manifest = JsonTemplateMapper.readJson(bytes, type);
      Map<DescriptorDigest, String> blobs = new LinkedHashMap<>();
      DescriptorDigest config = manifest.getContainerConfiguration().getDigest();
      blobs.put(config, OciLayoutBase.blobPath(config.toString()));
      for (BuildableManifestTemplate.ContentDescriptorTemplate layer : manifest.getLayers()) {
        blobs.put(layer.getDigest(), OciLayoutBase.blobPath(layer.getDigest().toString()));
      }
      JsonNode configJson = JSON.readTree(tar.read(blobs.get(config)));
      images.add(new Image(held.getKey(), variantOf(configJson), manifest, blobs, this));
    }
    // As OciLayoutIndex writes it (and containerd reads it): the full name on the index entry.
    for (JsonNode entry : JSON.readTree(tar.read("index.json")).path("manifests")) {
      String name = entry.path("annotations").path("io.containerd.image.name").asText();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
  }

  private Platform platformOf(JsonNode config) throws ImageBuildException {
    String os = config.path("os").asText();
    String architecture = config.path("architecture").asText();
    if (os.isEmpty() || architecture.isEmpty()) {
      throw new ImageBuildException(
          WHERE
              + ": "
              + path
              + ": its image config names no os or architecture; give images cp-image:build wrote");
    }
    return new Platform(os, architecture);
  }

  /** The config's variant; jib keeps none, and an arm64 image is v8 unless it says otherwise. */
  private static String variantOf(JsonNode config) {
    String variant = config.path("variant").asText();
    if (variant.isEmpty() && "arm64".equals(config.path("architecture").asText())) {
      return "v8";
    }
    return variant.isEmpty() ? null : variant;
  }

  Path path() {
    return path;
  }

  List<Image> images() {
    return images;
  }

  /** The image names ({@code repository:tag}) the tar carries, its own first; may be empty. */
  List<String> names() {
    return names;
  }

  /** A stream of the tar entry {@code name}; the caller closes it. */
  InputStream open(String name) throws IOException {
    return tar.open(name);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
