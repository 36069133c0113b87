package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarTest {
  @TempDir Path temp;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Path tar(String manifest) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("./blobs/", new byte[0]);
    files.put("./blobs/config.json", bytes("{\"os\":\"linux\"}"));
    files.put("./blobs/layer.tar", bytes("layer"));
    if (manifest != null) {
      files.put("./manifest.json", bytes(manifest));
    }
    return BaseImageTest.imageTar(temp.resolve("image.tar"), false, files);
  }

  /**
   * Names are normalised both ways ({@code ./a/b}, {@code a/b}); the first image's fields are read
   * whatever their order, others skipped, escapes decoded; its ID is its config's sha256.
   */
  @Test
  void readsTheFirstImageOfTheManifestAndEntriesByNormalisedName() throws Exception {
    Path path =
        tar(
            "[{\"Extra\":{\"a\":[1,{\"b\":2}]},\"Layers\":[\"./blobs/layer.tar\"],"
                + "\"RepoTags\":[\"a/b:1\",\"a/b:latest\"],\"Config\":\"blobs\\/config.json\"},"
                + "{\"Config\":\"other.json\",\"Layers\":[]}]");
    try (ImageTar tar = ImageTar.open(path)) {
      ImageTar.Manifest manifest = tar.manifest();
      assertEquals("blobs/config.json", manifest.config());
      assertEquals(List.of("./blobs/layer.tar"), manifest.layers());
      assertEquals(List.of("a/b:1", "a/b:latest"), manifest.repoTags());
      assertEquals(2, manifest.images());
      assertTrue(tar.has("blobs/layer.tar"));
      assertTrue(tar.has("./blobs"));
      assertFalse(tar.has("index.json"));
      assertEquals(5, tar.size(manifest.layers().get(0)));
      assertEquals("layer", new String(tar.read("blobs/layer.tar"), StandardCharsets.UTF_8));
      assertEquals("sha256:" + ContentHashes.ofBytes(bytes("{\"os\":\"linux\"}")), tar.imageId());
      assertEquals(
          "index.json is missing from the tar",
          assertThrows(IOException.class, () -> tar.open("index.json")).getMessage());
    }
  }

  @Test
  void repoTagsMayBeNullOrAbsent() throws Exception {
    assertEquals(
        List.of(),
        ImageTar.Manifest.parse(bytes("[{\"Config\":\"c\",\"RepoTags\":null,\"Layers\":[]}]"), "t")
            .repoTags());
    assertEquals(
        List.of(),
        ImageTar.Manifest.parse(bytes("[{\"Config\":\"c\",\"Layers\":[]}]"), "t").repoTags());
  }

  @Test
  void aTarWithoutManifestIsNamed() throws Exception {
    Path path = tar(null);
    try (ImageTar tar = ImageTar.open(path)) {
      assertEquals(
          path + " has no manifest.json",
          assertThrows(IOException.class, tar::manifest).getMessage());
    }
  }

  @Test
  void aMalformedManifestIsRefusedNamingTheTarAndWhatIsWrong() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"Config\":\"c\"}", "it is not a JSON array of images");
    cases.put("[]", "it lists no image");
    cases.put("[\"c\"]", "image 1 is not a JSON object");
    cases.put("[{\"Config\":\"c\",\"Layers\":[]},7]", "image 2 is not a JSON object");
    cases.put("[{\"Layers\":[]}]", "its first image names no Config");
    cases.put("[{\"Config\":\"c\"}]", "its first image names no Layers");
    cases.put("[{\"Config\":1,\"Layers\":[]}]", "Config is not a string");
    cases.put("[{\"Config\":\"c\",\"Layers\":\"l\"}]", "Layers is not an array of strings");
    cases.put("[{\"Config\":\"c\",\"Layers\":[1]}]", "Layers is not an array of strings");
    cases.put("[{\"Config\":\"c\",\"Layers\":[],\"RepoTags\":{}}]", "RepoTags is not an array");
    cases.put("[{\"Config\":\"c\",", "Unexpected end-of-input");
    for (Map.Entry<String, String> malformed : cases.entrySet()) {
      Path path = tar(malformed.getKey());
      try (ImageTar tar = ImageTar.open(path)) {
        String message = assertThrows(IOException.class, tar::manifest).getMessage();
        assertTrue(
            message.startsWith(path + ": its manifest.json is not a docker-save manifest: "),
            message);
        assertTrue(message.contains(malformed.getValue()), malformed.getKey() + ": " + message);
      }
    }
  }
}
