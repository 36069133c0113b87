package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzippedLayersTarTest {
  @TempDir Path directory;

  private static Map<String, byte[]> entries(Path tar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  @Test
  void gzipsThePlainLayersAndCopiesTheRest() throws IOException {
    byte[] random = new byte[9 << 20];
    new Random(1).nextBytes(random);
    byte[] layer =
        TarEntryFilterTest.tar(
            Map.of("usr/share/java/big.jar", random, "etc/passwd", "root:x:0:0".getBytes()));
    byte[] emptyLayer = new byte[1024];
    byte[] gzippedLayer = gzip(TarEntryFilterTest.tar(Map.of("opt/a", "a".getBytes())));
    byte[] config = "{\"rootfs\":{\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
    byte[] manifest = "[{\"Config\":\"config.json\"}]".getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> saved = new LinkedHashMap<>();
    saved.put("blobs/sha256/1111", layer);
    saved.put("blobs/sha256/2222", emptyLayer);
    saved.put("blobs/sha256/3333", gzippedLayer);
    saved.put("blobs/sha256/cccc", config);
    saved.put("manifest.json", manifest);
    Path plain = Files.write(directory.resolve("plain.tar"), TarEntryFilterTest.tar(saved));
    Path out = directory.resolve("gzipped.tar");

    GzippedLayersTar.Compressed compressed = GzippedLayersTar.write(plain, out);

    Map<String, byte[]> written = entries(out);
    assertEquals(List.copyOf(saved.keySet()), List.copyOf(written.keySet()));
    assertArrayEquals(layer, gunzip(written.get("blobs/sha256/1111")));
    assertArrayEquals(emptyLayer, gunzip(written.get("blobs/sha256/2222")));
    assertArrayEquals(gzippedLayer, written.get("blobs/sha256/3333"));
    assertArrayEquals(config, written.get("blobs/sha256/cccc"));
    assertArrayEquals(manifest, written.get("manifest.json"));
    assertEquals(2, compressed.layers());
    assertEquals(layer.length + emptyLayer.length, compressed.plainBytes());
    // Only the output is left: no partial file, no compressed layer.
    try (var left = Files.list(directory)) {
      assertEquals(List.of(out, plain), left.sorted().toList());
    }
  }
}
