package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The added layers' diff IDs, which the report records and a daemon load compares, are taken from
 * jib's layer cache and put there when missing: each is the diff ID of the layer's own bytes, and
 * once the image is planned jib finds every layer built, so none is built twice.
 */
class LayerRecordsTest {
  @TempDir Path temp;

  @Test
  void planningLeavesEachLayerInJibsCacheUnderItsOwnDiffId() throws Exception {
    ImageBuild.Planned planned = plan();

    Cache jibCache = Cache.withDirectory(temp.resolve("work/jib-cache"));
    List<LayerPlan.Layer> layers = planned.build().plan().layers();
    assertEquals(layers.size(), planned.layers().size());
    for (int i = 0; i < layers.size(); i++) {
      ImmutableList<com.google.cloud.tools.jib.api.buildplan.FileEntry> entries =
          ImmutableList.copyOf(layers.get(i).entries());
      String ownDiffId =
          new ReproducibleLayerBuilder(entries)
              .build()
              .writeTo(OutputStream.nullOutputStream())
              .getDigest()
              .toString();
      assertEquals(ownDiffId, planned.layers().get(i).diffId(), layers.get(i).name());
      Optional<CachedLayer> cached = jibCache.retrieve(entries);
      assertTrue(cached.isPresent(), "in jib's cache: " + layers.get(i).name());
      assertEquals(ownDiffId, cached.get().getDiffId().toString());
    }
  }

  /** A layer file gone from jib's cache: the build stops naming the directory to remove. */
  @Test
  void aDamagedLayerCacheIsRefusedNamingTheDirectory() throws Exception {
    plan();
    Path jibCache = temp.resolve("work/jib-cache");
    try (Stream<Path> files = Files.walk(jibCache.resolve("layers"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }

    IOException refused = assertThrows(IOException.class, this::plan);

    assertTrue(
        refused.getMessage().startsWith("jib's layer cache in " + jibCache + " is damaged ("),
        refused.getMessage());
    assertTrue(refused.getMessage().endsWith("); remove that directory"), refused.getMessage());
  }

  /** Plans the image of a connector, a library and an extra directory on a tar base. */
  private ImageBuild.Planned plan() throws Exception {
    if (!Files.exists(temp.resolve("connector"))) {
      BuildFingerprintTest.writeInputs(temp);
    }
    ImageSpec spec = BuildFingerprintTest.spec(temp, "one");
    BaseImage base =
        BaseImage.read(
            spec.from(),
            spec.from().tarPath(),
            temp.resolve("work/base"),
            "<from><image>",
            BaseImageCache.in(temp.resolve("cache")));
    return ImageBuild.plan(spec, base, null, event -> {});
  }
}
