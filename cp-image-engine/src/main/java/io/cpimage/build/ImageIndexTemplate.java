package io.cpimage.build;

import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.json.JsonTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * An image index (OCI) or manifest list (Docker) as jib's JSON mapper writes it, with each
 * platform's variant: jib's own templates carry only the os and the architecture, and an arm64
 * image is {@code linux/arm64/v8} by the OCI image index's convention.
 */
final class ImageIndexTemplate implements ManifestTemplate {
  private final int schemaVersion = 2;
  private final String mediaType;
  private final List<Entry> manifests = new ArrayList<>();

  /** One platform's manifest: its media type, digest and size, and the platform it runs on. */
  private static final class Entry implements JsonTemplate {
    private final String mediaType;
    private final String digest;
    private final long size;
    private final PlatformTemplate platform;

    private Entry(String mediaType, String digest, long size, PlatformTemplate platform) {
      this.mediaType = mediaType;
      this.digest = digest;
      this.size = size;
      this.platform = platform;
    }
  }

  private static final class PlatformTemplate implements JsonTemplate {
    private final String architecture;
    private final String os;
    private final String variant;

    private PlatformTemplate(String architecture, String os, String variant) {
      this.architecture = architecture;
      this.os = os;
      this.variant = variant;
    }
  }

  private ImageIndexTemplate(String mediaType) {
    this.mediaType = mediaType;
  }

  /** A Docker manifest list: what Docker v2.2 manifests are indexed by. */
  static ImageIndexTemplate dockerManifestList() {
    return new ImageIndexTemplate(V22ManifestListTemplate.MANIFEST_MEDIA_TYPE);
  }

  /** An OCI image index: what OCI manifests (or a mix) are indexed by. */
  static ImageIndexTemplate ociIndex() {
    return new ImageIndexTemplate(OciIndexTemplate.MEDIA_TYPE);
  }

  /** Adds the manifest of one platform; {@code variant} may be null. */
  void add(String manifestMediaType, String digest, long size, Platform platform, String variant) {
    manifests.add(
        new Entry(
            manifestMediaType,
            digest,
            size,
            new PlatformTemplate(platform.architecture(), platform.os(), variant)));
  }

  @Override
  public int getSchemaVersion() {
    return schemaVersion;
  }

  @Override
  public String getManifestMediaType() {
    return mediaType;
  }
}
