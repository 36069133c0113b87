package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which image of an index a registry base is known by ({@link RegistryIndex#entryFor}): the build's
 * platform's first entry, in Docker's manifest list and in an OCI index alike.
 */
class RegistryIndexTest {
  private static final String AMD64 = "sha256:" + "a".repeat(64);
  private static final String ARM64 = "sha256:" + "b".repeat(64);
  private static final String AMD64_AGAIN = "sha256:" + "c".repeat(64);
  private static final Platform LINUX_AMD64 = new Platform("linux", "amd64");

  @Test
  void aManifestListGivesThePlatformsFirstEntry() {
    V22ManifestListTemplate list = new V22ManifestListTemplate();
    list.addManifest(entry(ARM64, "arm64"));
    list.addManifest(entry(AMD64, "amd64"));
    list.addManifest(entry(AMD64_AGAIN, "amd64"));
    assertEquals(Optional.of(AMD64), RegistryIndex.entryFor(list, LINUX_AMD64));
    assertEquals(Optional.of(ARM64), RegistryIndex.entryFor(list, new Platform("linux", "arm64")));
    assertEquals(Optional.empty(), RegistryIndex.entryFor(list, new Platform("linux", "s390x")));
  }

  @Test
  void anOciIndexGivesThePlatformsEntry() throws Exception {
    // As a registry serves one: parsed from its JSON.
    OciIndexTemplate index =
        JsonTemplateMapper.readJson(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":["
                + oci(ARM64, "arm64")
                + ","
                + oci(AMD64, "amd64")
                + "]}",
            OciIndexTemplate.class);
    assertEquals(Optional.of(AMD64), RegistryIndex.entryFor(index, LINUX_AMD64));
    assertEquals(Optional.empty(), RegistryIndex.entryFor(index, new Platform("windows", "amd64")));
  }

  @Test
  void anImageManifestIsNoIndex() {
    assertEquals(Optional.empty(), RegistryIndex.entryFor(new V22ManifestTemplate(), LINUX_AMD64));
  }

  /** The platform default of a build without {@code <platforms>} is jib's own. */
  @Test
  void theDefaultPlatformIsJibs() {
    var jib =
        com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan.builder()
            .build()
            .getPlatforms();
    assertEquals(java.util.Set.of(RegistryIdentity.DEFAULT_PLATFORM.jib()), jib);
  }

  private static V22ManifestListTemplate.ManifestDescriptorTemplate entry(
      String digest, String architecture) {
    V22ManifestListTemplate.ManifestDescriptorTemplate entry =
        new V22ManifestListTemplate.ManifestDescriptorTemplate();
    entry.setMediaType(V22ManifestTemplate.MANIFEST_MEDIA_TYPE);
    entry.setDigest(digest);
    entry.setSize(100);
    entry.setPlatform(architecture, "linux");
    return entry;
  }

  private static String oci(String digest, String architecture) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digest
        + "\",\"size\":100,\"platform\":{\"architecture\":\""
        + architecture
        + "\",\"os\":\"linux\"}}";
  }
}
