package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpimage.connector.ConnectorSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <platforms>} from a two-platform OCI image layout (made here by hand, as a registry export
 * would hold it) to a {@code tar://} target, without Maven or Docker.
 */
class PlatformBuildTest {
  // In its own class: main, a build with nothing changed, must not load the JSON mapper.
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final List<Platform> BOTH =
      List.of(new Platform("linux", "amd64"), new Platform("linux", "arm64"));

  @TempDir Path temp;

  @Test
  void buildsAnOciLayoutHoldingTheIndexOfEveryPlatform() throws Exception {
    BuildReport report =
        ImageBuild.run(spec(layoutOfBothPlatforms(), BOTH, "multi"), e -> {}).report();

    Map<String, byte[]> out = entries(temp.resolve("multi.tar"));
    JsonNode top = Json.MAPPER.readTree(out.get("index.json"));
    JsonNode indexDescriptor = top.path("manifests").get(0);
    assertEquals(OciLayoutIndex.INDEX_MEDIA_TYPE, indexDescriptor.path("mediaType").asText());
    assertEquals(
        "test/image:1",
        indexDescriptor.path("annotations").path("io.containerd.image.name").asText());
    assertEquals(report.digest(), indexDescriptor.path("digest").asText());
    byte[] indexBytes = out.get(blob(report.digest()));
    assertEquals(report.digest(), "sha256:" + sha256(indexBytes));
    JsonNode manifests = Json.MAPPER.readTree(indexBytes).path("manifests");
    assertEquals(2, manifests.size());
    List<String> addedLayers = new ArrayList<>();
    List<String> sbomLayers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonNode entry = manifests.get(i);
      assertEquals(
          BOTH.get(i).architecture(), entry.path("platform").path("architecture").asText());
      String digest = entry.path("digest").asText();
      assertEquals(report.platforms().get(i).digest(), digest);
      assertEquals(BOTH.get(i).toString(), report.platforms().get(i).platform());
      byte[] manifestBytes = out.get(blob(digest));
      assertEquals(entry.path("size").asLong(), manifestBytes.length);
      JsonNode manifest = Json.MAPPER.readTree(manifestBytes);
      JsonNode config =
          Json.MAPPER.readTree(out.get(blob(manifest.path("config").path("digest").asText())));
      assertEquals(BOTH.get(i).architecture(), config.path("architecture").asText());
      JsonNode layers = manifest.path("layers");
      for (JsonNode layer : layers) {
        // Every blob the manifest names is in the layout.
        assertEquals(
            layer.path("size").asLong(), out.get(blob(layer.path("digest").asText())).length);
      }
      // The top layer holds the platform's own SBOM and file tree; below it, the library's.
      addedLayers.add(layers.get(layers.size() - 2).path("digest").asText());
      sbomLayers.add(layers.get(layers.size() - 1).path("digest").asText());
    }
    // The library layer is the same bytes on both platforms: one blob, named by both manifests.
    assertEquals(addedLayers.get(0), addedLayers.get(1));
    // Each SBOM names its own platform's base.
    assertNotEquals(sbomLayers.get(0), sbomLayers.get(1));
    assertNotEquals(
        report.platforms().get(0).baseImageId(), report.platforms().get(1).baseImageId());
  }

  @Test
  void nothingChangedWritesNothingAndAChangedBaseOrSpecBuildsAgain() throws Exception {
    Path layout = layoutOfBothPlatforms();
    ImageSpec spec = spec(layout, BOTH, "again");
    Path out = temp.resolve("again.tar");
    BuildResult first = ImageBuild.run(spec, e -> {});
    assertFalse(first.upToDate());
    FileTime written = Files.getLastModifiedTime(out);
    List<String> log = new ArrayList<>();

    BuildResult second = ImageBuild.run(spec, e -> log.add(e.getMessage()));
    assertTrue(second.upToDate());
    assertEquals(first.digest(), second.digest());
    assertEquals(
        List.of("Image tar://" + out + " is up to date (" + first.digest() + "): no input changed"),
        log);
    assertEquals(written, Files.getLastModifiedTime(out));

    // Another base at the same path: the image just built, a two-platform layout with its index.
    Files.copy(out, layout, StandardCopyOption.REPLACE_EXISTING);
    assertFalse(ImageBuild.run(spec, e -> {}).upToDate(), "built again: the base changed");
    assertTrue(ImageBuild.run(spec, e -> {}).upToDate());
    ImageSpec labelled = builder(layout, BOTH, "again").labels(Map.of("label", "two")).build();
    assertFalse(ImageBuild.run(labelled, e -> {}).upToDate(), "built again: a label changed");
    assertTrue(ImageBuild.run(labelled, e -> {}).upToDate());
    Files.delete(out);
    assertFalse(ImageBuild.run(labelled, e -> {}).upToDate(), "built again: the target was gone");
    assertTrue(Files.isRegularFile(out));
  }

  /**
   * The second build of {@link #upToDateLoadsNoMoreThanASinglePlatformBuild}, in {@code <temp>}.
   */
  public static void main(String[] arguments) throws Exception {
    PlatformBuildTest test = new PlatformBuildTest();
    test.temp = Path.of(arguments[0]);
    ImageSpec spec = test.spec(test.temp.resolve("layout.tar"), BOTH, "again");
    if (!ImageBuild.run(spec, e -> {}).upToDate()) {
      throw new AssertionError("not up to date");
    }
  }

  @Test
  void upToDateLoadsNoMoreThanASinglePlatformBuild() throws Exception {
    assertFalse(ImageBuild.run(spec(layoutOfBothPlatforms(), BOTH, "again"), e -> {}).upToDate());
    List<String> loaded = BuildFingerprintTest.classesLoadedBy(PlatformBuildTest.class, temp);
    assertEquals(List.of(), BuildFingerprintTest.unwanted(loaded));
  }

  @Test
  void theDaemonsPlatformIsAnInputOfTheImageItGets() throws Exception {
    String image = "h-build-platforms-daemon:1";
    ImageSpec spec = builder(layoutOfBothPlatforms(), "docker://" + image, BOTH, "daemon").build();
    try {
      Platform daemon = DockerCli.daemonPlatform().orElseThrow();
      assertFalse(ImageBuild.run(spec, e -> {}).upToDate());
      assertTrue(ImageBuild.run(spec, e -> {}).upToDate());
      // The same spec and daemon image, as the build for a daemon of the other platform sees it.
      Platform other = BOTH.get(0).equals(daemon) ? BOTH.get(1) : BOTH.get(0);
      BuildFingerprint elsewhere =
          BuildFingerprint.of(spec, List.of(other), ImageBuild.pipeline(spec.settings()), e -> {});
      IllegalStateException built =
          assertThrows(
              IllegalStateException.class,
              () ->
                  elsewhere.unlessUpToDate(
                      () -> {
                        throw new IllegalStateException("builds");
                      }));
      assertEquals("builds", built.getMessage());
    } finally {
      new ProcessBuilder("docker", "rmi", "-f", image).start().waitFor();
    }
  }

  @Test
  void aPlatformTheBaseLacksIsRefusedNamingThoseItHas() throws Exception {
    List<Platform> declared =
        List.of(new Platform("linux", "amd64"), new Platform("linux", "s390x"));
    Path layout = layoutOfBothPlatforms();
    ImageBuildException refused =
        assertThrows(
            ImageBuildException.class,
            () -> ImageBuild.run(spec(layout, declared, "missing"), e -> {}));

    assertEquals(
        "<platforms>: the base image 'tar://"
            + layout
            + "' has no linux/s390x image; it has linux/amd64, linux/arm64. Declare only those in"
            + " <platforms> (or -Dcp-image.platforms), or build FROM a base made for linux/s390x",
        refused.getMessage());
    assertFalse(Files.exists(temp.resolve("missing.tar")));
  }

  @Test
  void aDockerSaveTarHoldsItsOnePlatform() throws Exception {
    Path single = dockerSave("arm64", temp.resolve("arm64.tar"));
    ImageBuildException refused =
        assertThrows(
            ImageBuildException.class, () -> ImageBuild.run(spec(single, BOTH, "single"), e -> {}));
    assertEquals(
        "<platforms>: the base image 'tar://"
            + single
            + "' has no linux/amd64 image; it has linux/arm64. Declare only those in"
            + " <platforms> (or -Dcp-image.platforms), or build FROM a base made for linux/amd64",
        refused.getMessage());

    BuildReport report =
        ImageBuild.run(spec(single, List.of(new Platform("linux", "arm64")), "arm64-only"), e -> {})
            .report();
    assertEquals(
        List.of("linux/arm64"), report.platforms().stream().map(p -> p.platform()).toList());
  }

  @Test
  void anOutputTarOrAJdkForMoreThanOnePlatformIsRefusedBeforeTheBaseIsRead() throws Exception {
    Path missingBase = temp.resolve("no-such-layout.tar");
    ImageSpec withOutputTar =
        builder(missingBase, BOTH, "output-tar").outputTar(temp.resolve("x.tar")).build();
    assertEquals(
        "<outputTar> is a docker-save tar of one image, but <platforms> builds an image index to"
            + " 'tar://"
            + temp.resolve("output-tar.tar")
            + "'; drop <outputTar>, or build one platform to tar:// or docker://",
        assertThrows(ImageBuildException.class, () -> ImageBuild.run(withOutputTar, e -> {}))
            .getMessage());
    ImageSpec withJdk =
        builder(missingBase, BOTH, "jdk")
            .jdk(
                new ImageSpec.JdkSpec(
                    "temurin-21", new ConnectorSource.LocalFile(temp, null), "<jdk>"))
            .build();
    assertEquals(
        "<jdk> is one JDK build, made for one architecture, but <platforms> lists linux/amd64,"
            + " linux/arm64; drop <jdk>, or build one platform at a time (-Dcp-image.platforms=...)"
            + " with that platform's JDK",
        assertThrows(ImageBuildException.class, () -> ImageBuild.run(withJdk, e -> {}))
            .getMessage());
    assertFalse(Files.exists(temp.resolve("output-tar.tar")));
    assertFalse(Files.exists(temp.resolve("jdk.tar")));
  }

  private ImageSpec spec(Path base, List<Platform> platforms, String name)
      throws IOException, ImageBuildException {
    return builder(base, platforms, name).build();
  }

  private ImageSpec.Builder builder(Path base, List<Platform> platforms, String name)
      throws IOException, ImageBuildException {
    return builder(base, "tar://" + temp.resolve(name + ".tar"), platforms, name)
        .tarImageName("test/image:1");
  }

  /** A spec that adds one library to {@code base} for {@code platforms}, built to {@code to}. */
  private ImageSpec.Builder builder(Path base, String to, List<Platform> platforms, String name)
      throws IOException, ImageBuildException {
    Path jar = Files.writeString(temp.resolve("driver.jar"), "not really a jar");
    return ImageSpec.builder(
            ImageLocation.parse("tar://" + base, "<from><image>", temp),
            ImageLocation.parse(to, "<to><image>", temp),
            temp.resolve("work-" + name))
        .libraries(
            List.of(
                new ImageSpec.LibrarySpec(
                    new ConnectorSource.LocalFile(jar, null), null, "<libraries><library>")))
        .utilityBelt(false)
        .downloadCache(temp.resolve("downloads"))
        .platforms(platforms);
  }

  @Test
  void anOciLayoutBaseWithoutPlatformsIsRefusedSuggestingThem() throws Exception {
    Path layout = layoutOfBothPlatforms();
    ImageBuildException refused =
        assertThrows(
            ImageBuildException.class,
            () -> ImageBuild.run(spec(layout, List.of(), "no-platforms"), e -> {}));
    assertEquals(
        "<from><image> 'tar://"
            + layout
            + "' is not a docker-save tar: it is an OCI image layout holding linux/amd64,"
            + " linux/arm64, which a build reads only with <platforms>: declare the platform to"
            + " build (-Dcp-image.platforms=linux/amd64, or <platforms><platform>…), or write a"
            + " docker-save tar of one platform (`docker save`, `skopeo copy … docker-archive:`)",
        refused.getMessage());
    assertFalse(Files.exists(temp.resolve("no-platforms.tar")));
  }

  @Test
  void aGzippedDockerSaveTarIsReadAsWithoutPlatforms() throws Exception {
    Path gzipped = dockerSave("arm64", temp.resolve("arm64.tar.gz"), true);
    BuildReport report =
        ImageBuild.run(spec(gzipped, List.of(new Platform("linux", "arm64")), "gzipped"), e -> {})
            .report();
    assertEquals("linux/arm64", report.platforms().get(0).platform());
  }

  private static Path dockerSave(String architecture, Path tar) throws IOException {
    return dockerSave(architecture, tar, false);
  }

  /** A docker-save tar of a one-layer image whose files (and config) name {@code architecture}. */
  static Path dockerSave(String architecture, Path tar, boolean gzip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] layer = layer(architecture);
    files.put("layer.tar", layer);
    files.put("config.json", config(architecture, layer));
    files.put(
        "manifest.json",
        "[{\"Config\":\"config.json\",\"RepoTags\":[],\"Layers\":[\"layer.tar\"]}]"
            .getBytes(StandardCharsets.UTF_8));
    return BaseImageTest.imageTar(tar, gzip, files);
  }

  private static byte[] layer(String architecture) throws IOException {
    return BaseFilesystemTest.layer(
        false,
        new Object[] {"etc/", 0, 0, 0755},
        new Object[] {"etc/passwd", 0, 0, 0644},
        new Object[] {"opt/" + architecture + "/", 0, 0, 0755});
  }

  private static byte[] config(String architecture, byte[] layer) {
    return ("{\"architecture\":\""
            + architecture
            + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
            + sha256(layer)
            + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An OCI image layout of amd64 and arm64, its index.json listing both images with their platforms
   * (uncompressed layers, which the OCI spec allows).
   */
  private Path layoutOfBothPlatforms() throws IOException {
    return layoutOfBothPlatforms(temp.resolve("layout.tar"));
  }

  static Path layoutOfBothPlatforms(Path tar) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"manifests\":[");
    for (Platform platform : BOTH) {
      byte[] layer = layer(platform.architecture());
      byte[] config = config(platform.architecture(), layer);
      byte[] manifest =
          ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                  + "\"digest\":\"sha256:"
                  + sha256(config)
                  + "\",\"size\":"
                  + config.length
                  + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                  + "\"digest\":\"sha256:"
                  + sha256(layer)
                  + "\",\"size\":"
                  + layer.length
                  + "}]}")
              .getBytes(StandardCharsets.UTF_8);
      files.put("blobs/sha256/" + sha256(layer), layer);
      files.put("blobs/sha256/" + sha256(config), config);
      files.put("blobs/sha256/" + sha256(manifest), manifest);
      if (platform != BOTH.get(0)) {
        index.append(',');
      }
      index
          .append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":")
          .append("\"sha256:")
          .append(sha256(manifest))
          .append("\",\"size\":")
          .append(manifest.length)
          .append(",\"platform\":{\"architecture\":\"")
          .append(platform.architecture())
          .append("\",\"os\":\"linux\"}}");
    }
    files.put("index.json", index.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    return BaseImageTest.imageTar(tar, false, files);
  }

  private static Map<String, byte[]> entries(Path tar) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (TarFile file = new TarFile(tar)) {
      for (TarArchiveEntry entry : file.getEntries()) {
        try (InputStream in = file.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static String blob(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
