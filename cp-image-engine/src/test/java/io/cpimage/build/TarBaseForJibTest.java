package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code tar://} base of {@code docker save}'s form reaches jib ({@code BaseImage.tar()}, which
 * {@code ContainerBuild} gives to {@code TarImage.at}) with its layers gzipped, so that jib does
 * not compress them itself; the copy is made once per image ID. A tar whose layers are gzipped
 * already reaches jib as it is.
 */
class TarBaseForJibTest {
  @TempDir Path temp;

  private final List<String> log = new ArrayList<>();

  private BaseImage load(Path tar, List<Platform> platforms) throws Exception {
    ImageSpec spec =
        ImageSpec.builder(
                ImageLocation.parse("tar://" + tar, "<from><image>", temp),
                ImageLocation.parse("tar://" + temp.resolve("out.tar"), "<to><image>", temp),
                temp.resolve("work"))
            .tarImageName("test/tar-base:1")
            .downloadCache(temp.resolve("cache"))
            .build();
    if (platforms.isEmpty()) {
      return BaseImages.load(spec.from(), spec.settings(), this::record);
    }
    return PlatformBases.load(spec, spec.from(), platforms, this::record).get(platforms.get(0));
  }

  private void record(LogEvent event) {
    log.add(event.getMessage());
  }

  /** The tar's entries by name, layers as their plain bytes, and whether each was gzipped. */
  private static Map<String, byte[]> entries(Path tar, Map<String, Boolean> gzipped)
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        boolean gzip = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        gzipped.put(entry.getName(), gzip);
        if (gzip) {
          try (InputStream plain = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            bytes = plain.readAllBytes();
          }
        }
        entries.put(entry.getName(), bytes);
      }
    }
    return entries;
  }

  @Test
  void aDockerSaveTarReachesJibWithGzippedLayersMadeOncePerImageId() throws Exception {
    Path saved = ImageBuildTest.baseTar(temp);

    BaseImage base = load(saved, List.of());

    assertNotEquals(saved, base.tar());
    Map<String, Boolean> gzipped = new LinkedHashMap<>();
    Map<String, byte[]> copy = entries(base.tar(), gzipped);
    Map<String, byte[]> original = entries(saved, new LinkedHashMap<>());
    assertEquals(original.keySet(), copy.keySet());
    for (String name : original.keySet()) {
      assertArrayEquals(original.get(name), copy.get(name), name);
    }
    assertEquals(
        Map.of("layer.tar", true, "layer2.tar", true, "config.json", false, "manifest.json", false),
        gzipped);
    assertTrue(log.contains("Compressing the base's layers for jib on every core"), log::toString);
    try (ImageTar copied = ImageTar.open(base.tar())) {
      assertEquals(base.imageId(), copied.imageId());
    }

    // The next build takes the same copy, not written again.
    long written = Files.getLastModifiedTime(base.tar()).toMillis();
    Files.setLastModifiedTime(base.tar(), FileTime.fromMillis(written - 60_000));
    log.clear();
    BaseImage again = load(saved, List.of());
    assertEquals(base.tar(), again.tar());
    assertEquals(written - 60_000, Files.getLastModifiedTime(again.tar()).toMillis());
    assertFalse(log.contains("Compressing the base's layers for jib on every core"), log::toString);
    // Nothing half-written is left beside it.
    IdRecords.assertNoneHalfWritten(base.tar().getParent());

    // A damaged record of the copy's image ID (as a write stopped midway would leave it) is not
    // taken for the ID: the copy is made again.
    IdRecords.damage(base.tar().resolveSibling("base-image.gzipped.id"));
    log.clear();
    load(saved, List.of());
    assertTrue(log.contains("Compressing the base's layers for jib on every core"), log::toString);
  }

  /** The same through {@code <platforms>}, which reads a docker-save tar of its one platform. */
  @Test
  void aDockerSaveTarWithPlatformsReachesJibWithGzippedLayers() throws Exception {
    Path saved = ImageBuildTest.baseTar(temp);

    BaseImage base = load(saved, List.of(Platform.parse("linux/amd64", "test")));

    Map<String, Boolean> gzipped = new LinkedHashMap<>();
    entries(base.tar(), gzipped);
    assertTrue(gzipped.get("layer.tar"), gzipped::toString);
    assertTrue(gzipped.get("layer2.tar"), gzipped::toString);
  }

  /** Layers gzipped already: jib copies them as they are, so the tar is given to jib unchanged. */
  @Test
  void aTarWithGzippedLayersReachesJibAsItIs() throws Exception {
    Path plain = ImageBuildTest.baseTar(temp);
    Map<String, byte[]> files = entries(plain, new LinkedHashMap<>());
    for (String layer : List.of("layer.tar", "layer2.tar")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(files.get(layer));
      }
      files.put(layer, bytes.toByteArray());
    }
    Path saved = BaseImageTest.imageTar(temp.resolve("gzipped-layers.tar"), false, files);

    BaseImage base = load(saved, List.of());

    assertEquals(saved, base.tar());
    assertFalse(log.contains("Compressing the base's layers for jib on every core"), log::toString);
  }
}
