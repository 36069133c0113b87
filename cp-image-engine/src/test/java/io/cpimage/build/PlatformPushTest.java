package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpimage.connector.ConnectorSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlatformPush} against a real registry (Debian's docker-registry, started by
 * scripts/local-registry.sh on a free port, plain HTTP), pushing tars that {@link ImageBuild}
 * wrote: the docker-save tar of each platform, and the OCI layout of a {@code <platforms>} build.
 */
class PlatformPushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Platform AMD64 = new Platform("linux", "amd64");
  private static final Platform ARM64 = new Platform("linux", "arm64");
  private static final String LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  @TempDir static Path shared;
  private static String registry;

  @TempDir Path temp;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.startOnFreePort(shared.resolve("registry"));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    LocalRegistry.stop(shared.resolve("registry"));
  }

  @Test
  void pushesEachPlatformsDockerSaveTarAsOneIndexUnderEveryTag() throws Exception {
    Path amd64 = singlePlatformImage("amd64", "test/push:1");
    Path arm64 = singlePlatformImage("arm64", "test/push:1-arm64");
    List<String> log = new ArrayList<>();
    PlatformPush.Result result;
    try (PlatformPush push = PlatformPush.read(List.of(amd64, arm64), List.of(), e -> {})) {
      result = push.push(target("test/pushed:1"), List.of("latest"));
    }

    Manifest index = manifest("test/pushed", "1");
    assertEquals(LIST, index.mediaType());
    assertEquals(result.digest(), index.digest());
    assertEquals(result.digest(), manifest("test/pushed", "latest").digest());
    JsonNode entries = index.json().path("manifests");
    assertEquals(2, entries.size());
    assertEquals("amd64", entries.get(0).path("platform").path("architecture").asText());
    assertTrue(entries.get(0).path("platform").path("variant").isMissingNode());
    JsonNode arm64Platform = entries.get(1).path("platform");
    assertEquals("arm64", arm64Platform.path("architecture").asText());
    assertEquals("linux", arm64Platform.path("os").asText());
    assertEquals("v8", arm64Platform.path("variant").asText());
    for (int i = 0; i < 2; i++) {
      JsonNode entry = entries.get(i);
      assertEquals(result.platforms().get(i).digest(), entry.path("digest").asText());
      Manifest image = manifest("test/pushed", entry.path("digest").asText());
      assertEquals(entry.path("size").asLong(), image.size());
      String config = image.json().path("config").path("digest").asText();
      assertEquals(
          i == 0 ? "amd64" : "arm64",
          JSON.readTree(blob("test/pushed", config)).path("architecture").asText());
      for (JsonNode layer : image.json().path("layers")) {
        assertEquals(
            layer.path("size").asLong(), blob("test/pushed", layer.path("digest").asText()).length);
      }
    }

    // Again: the registry has every blob, and the same index comes out.
    try (PlatformPush push =
        PlatformPush.read(
            List.of(amd64, arm64), List.of(AMD64, ARM64), e -> log.add(e.getMessage()))) {
      assertEquals(result, push.push(target("test/pushed:1"), List.of()));
    }
    assertTrue(log.contains("linux/arm64: every blob was in the registry already"), log.toString());
  }

  @Test
  void pushesTheOciLayoutOfAPlatformsBuildUnderTheNameItCarries() throws Exception {
    Path base = PlatformBuildTest.layoutOfBothPlatforms(temp.resolve("base.tar"));
    Path layout = temp.resolve("multi.tar");
    BuildReport report =
        ImageBuild.run(
                builder(base, "tar://" + layout, "test/multi:2")
                    .platforms(List.of(AMD64, ARM64))
                    .build(),
                e -> {})
            .report();
    PlatformPush.Result result;
    try (PlatformPush push = PlatformPush.read(List.of(layout), List.of(), e -> {})) {
      assertEquals("test/multi:2", push.imageName());
      result = push.push(target(push.imageName()), push.imageTags());
    }

    Manifest index = manifest("test/multi", "2");
    assertEquals(OCI_INDEX, index.mediaType());
    assertEquals(result.digest(), index.digest());
    // jib's mapper wrote the layout's manifests: pushed again, they keep their digests.
    assertEquals(
        report.platforms().stream().map(BuildReport.PlatformRecord::digest).toList(),
        result.platforms().stream().map(PlatformPush.Pushed::digest).toList());
  }

  @Test
  void aMissingTarIsRefusedNamingItBeforeTheRegistryIsAsked() throws Exception {
    Path missing = temp.resolve("image-arm64.tar");
    ImageBuildException refused =
        assertThrows(
            ImageBuildException.class,
            () ->
                PlatformPush.read(
                    List.of(singlePlatformImage("amd64", "a:1"), missing), List.of(), e -> {}));
    assertEquals(
        "<images>: no file "
            + missing
            + "; build it first (cp-image:build to a tar:// target, or with <outputTar>), or correct"
            + " the path",
        refused.getMessage());
  }

  @Test
  void twoTarsOfOnePlatformAreRefusedNamingBoth() throws Exception {
    Path first = singlePlatformImage("amd64", "a:1");
    Path second = singlePlatformImage("amd64", "a:1-arm64");
    ImageBuildException refused =
        assertThrows(
            ImageBuildException.class,
            () -> PlatformPush.read(List.of(first, second), List.of(), e -> {}));
    assertEquals(
        "<images>: "
            + first
            + " and "
            + second
            + " both hold a linux/amd64 image; an index names one image per platform: give one"
            + " tar per platform (was one built for the wrong platform?)",
        refused.getMessage());
  }

  @Test
  void aTarOfAPlatformNotDeclaredOrADeclaredPlatformWithoutATarIsRefused() throws Exception {
    Path amd64 = singlePlatformImage("amd64", "a:1");
    Path arm64 = singlePlatformImage("arm64", "a:1-arm64");
    assertEquals(
        "<images>: "
            + amd64
            + " holds a linux/amd64 image, but <platforms> lists linux/arm64; give the tar of the"
            + " platform meant, or list linux/amd64 in <platforms> (-Dcp-image.platforms)",
        assertThrows(
                ImageBuildException.class,
                () -> PlatformPush.read(List.of(amd64, arm64), List.of(ARM64), e -> {}))
            .getMessage());
    assertEquals(
        "<platforms> lists linux/arm64, but no tar of <images> holds it (they hold linux/amd64);"
            + " add that platform's tar to <images>, or drop it from <platforms>",
        assertThrows(
                ImageBuildException.class,
                () -> PlatformPush.read(List.of(amd64), List.of(AMD64, ARM64), e -> {}))
            .getMessage());
  }

  @Test
  void aDockerSaveTarWithPlainLayersIsRefusedNamingTheLayer() throws Exception {
    Path saved = PlatformBuildTest.dockerSave("amd64", temp.resolve("saved.tar"), false);
    assertEquals(
        "<images>: "
            + saved
            + ": the layer layer.tar is not gzipped, as `docker save` writes them; push tars"
            + " cp-image:build wrote (a tar:// target or <outputTar>), or push the image with"
            + " `docker push`",
        assertThrows(
                ImageBuildException.class,
                () -> PlatformPush.read(List.of(saved), List.of(), e -> {}))
            .getMessage());
  }

  @Test
  void anUnreachableRegistryIsRefusedNamingIt() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Path amd64 = singlePlatformImage("amd64", "a:1");
    try (PlatformPush push = PlatformPush.read(List.of(amd64), List.of(), e -> {})) {
      String message =
          assertThrows(
                  ImageBuildException.class,
                  () -> push.push(target("127.0.0.1:" + closed + "/test/a:1", true), List.of()))
              .getMessage();
      assertTrue(
          message.startsWith(
              "the registry 127.0.0.1:"
                  + closed
                  + " of '127.0.0.1:"
                  + closed
                  + "/test/a:1' does not answer ("),
          message);
      assertTrue(
          message.endsWith("); start it, or correct the host and port in the image name"), message);
    }
  }

  @Test
  void aPlatformThatFailsLeavesNoTag() throws Exception {
    Path layout =
        corruptLastBlob(
            PlatformBuildTest.layoutOfBothPlatforms(temp.resolve("layout.tar")),
            temp.resolve("corrupt.tar"));
    try (PlatformPush push = PlatformPush.read(List.of(layout), List.of(), e -> {})) {
      String message =
          assertThrows(ImageBuildException.class, () -> push.push(target("test/half:1"), List.of()))
              .getMessage();
      assertTrue(
          message.startsWith(
              "pushing the linux/arm64 image of " + layout + " to " + registry + "/test/half:1"),
          message);
      assertTrue(message.endsWith("; no tag was pushed"), message);
    }
    HttpResponse<String> tag =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/test/half/manifests/1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(404, tag.statusCode(), tag.body());
  }

  /** The image cp-image:build writes for one platform to tar://, named {@code name}. */
  private Path singlePlatformImage(String architecture, String name) throws Exception {
    Path base =
        PlatformBuildTest.dockerSave(
            architecture, temp.resolve("base-" + architecture + ".tar"), false);
    Path out = temp.resolve(name.replace(':', '-').replace('/', '-') + ".tar");
    ImageBuild.run(builder(base, "tar://" + out, name).build(), e -> {});
    return out;
  }

  private ImageSpec.Builder builder(Path base, String to, String name) throws Exception {
    Path jar = Files.writeString(temp.resolve("driver.jar"), "not really a jar");
    return ImageSpec.builder(
            ImageLocation.parse("tar://" + base, "<from><image>", temp),
            ImageLocation.parse(to, "<to><image>", temp),
            temp.resolve("work-" + name.replace(':', '-').replace('/', '-')))
        .tarImageName(name)
        .libraries(
            List.of(
                new ImageSpec.LibrarySpec(
                    new ConnectorSource.LocalFile(jar, null), null, "<libraries><library>")))
        .utilityBelt(false)
        .downloadCache(temp.resolve("downloads"));
  }

  private static ImageLocation target(String name) throws ImageBuildException {
    return target(registry + "/" + name, true);
  }

  private static ImageLocation target(String reference, boolean insecure)
      throws ImageBuildException {
    return ImageLocation.parse(reference, "<to><image>", Path.of("."))
        .withRegistryAccess(List.of(), insecure);
  }

  /**
   * {@code layout} with one byte of its last layer changed (the arm64 one), so that its bytes no
   * longer match their digest.
   */
  private static Path corruptLastBlob(Path layout, Path out) throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    String last = null;
    try (TarFile file = new TarFile(layout)) {
      for (TarArchiveEntry entry : file.getEntries()) {
        entries.add(entry);
        try (InputStream in = file.getInputStream(entry)) {
          if (entry.getName().startsWith("blobs/") && in.read() != '{') {
            last = entry.getName();
          }
        }
      }
      try (OutputStream stream = Files.newOutputStream(out);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(stream)) {
        for (TarArchiveEntry entry : entries) {
          byte[] bytes;
          try (InputStream in = file.getInputStream(entry)) {
            bytes = in.readAllBytes();
          }
          if (entry.getName().equals(last)) {
            bytes[bytes.length / 2] ^= 1;
          }
          TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
          copy.setSize(bytes.length);
          tar.putArchiveEntry(copy);
          tar.write(bytes);
          tar.closeArchiveEntry();
        }
      }
    }
    return out;
  }

  private record Manifest(String mediaType, String digest, long size, JsonNode json) {}

  private static Manifest manifest(String repository, String reference) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                    .header(
                        "Accept",
                        String.join(
                            ",",
                            LIST,
                            OCI_INDEX,
                            "application/vnd.docker.distribution.manifest.v2+json",
                            "application/vnd.oci.image.manifest.v1+json"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    return new Manifest(
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Docker-Content-Digest").orElse(""),
        response.body().length,
        JSON.readTree(response.body()));
  }

  private static byte[] blob(String repository, String digest) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/blobs/" + digest))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    return response.body();
  }
}
