package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An added layer written by {@link ApplicationLayerWriter} is one jib finds by its entries, holding
 * the very tar jib makes of them, gzipped; a chunk that does not compress (random bytes, as a
 * jar's) is stored, one that does is deflated.
 */
class ApplicationLayerWriterTest {
  private static final int MEGABYTE = 1 << 20;

  @TempDir Path temp;

  private final ExecutorService gzipThreads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    gzipThreads.shutdownNow();
  }

  @Test
  void jibFindsTheLayerByItsEntriesAndItHoldsJibsOwnTar() throws Exception {
    ImmutableList<FileEntry> entries = entries();
    Path directory = temp.resolve("jib-cache");

    CachedLayer written = writer(directory).write(entries);

    Optional<CachedLayer> found = Cache.withDirectory(directory).retrieve(entries);
    assertTrue(found.isPresent(), "jib's lookup by the layer's entries finds it");
    assertEquals(written.getDigest(), found.get().getDigest());
    byte[] jibsTar = jibsTar(entries);
    assertArrayEquals(jibsTar, gunzip(found.get()));
    CachedLayer jibsOwn =
        Cache.withDirectory(temp.resolve("jib-only"))
            .writeUncompressedLayer(new ReproducibleLayerBuilder(entries).build(), entries);
    assertEquals(jibsOwn.getDiffId(), found.get().getDiffId());
    try (var left = Files.list(directory.resolve("cp-image-tmp"))) {
      assertEquals(List.of(), left.toList(), "no temporary file is left");
    }
  }

  @Test
  void randomBytesAreStoredAndTextIsDeflated() throws Exception {
    ImmutableList<FileEntry> entries = entries();
    long plainJar = Files.size(temp.resolve("payload.jar"));
    long plainText = Files.size(temp.resolve("server.properties"));

    CachedLayer jar = writer(temp.resolve("a")).write(ImmutableList.of(entries.get(0)));
    CachedLayer text = writer(temp.resolve("b")).write(ImmutableList.of(entries.get(1)));

    // Stored: the tar's header blocks and padding, and deflate's few bytes per 64 KB block.
    assertTrue(jar.getSize() > plainJar, "stored, " + jar.getSize() + " bytes");
    assertTrue(jar.getSize() < plainJar + plainJar / 100, "stored, " + jar.getSize() + " bytes");
    assertTrue(text.getSize() < plainText / 10, "deflated, " + text.getSize() + " bytes");
  }

  /** Two builds sharing the cache write the same layer at the same moment: both find it whole. */
  @Test
  void twoWritersOfTheSameLayerAtOnceLeaveOneWholeLayer() throws Exception {
    ImmutableList<FileEntry> entries = entries();
    Path directory = temp.resolve("shared");
    ExecutorService builds = Executors.newFixedThreadPool(2);
    try {
      List<Future<CachedLayer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<CachedLayer> build = () -> writer(directory).write(entries);
        results.add(builds.submit(build));
      }
      for (Future<CachedLayer> result : results) {
        assertEquals(results.get(0).get().getDigest(), result.get().getDigest());
      }
    } finally {
      builds.shutdownNow();
    }
    CachedLayer found = Cache.withDirectory(directory).retrieve(entries).orElseThrow();
    assertArrayEquals(jibsTar(entries), gunzip(found));
  }

  private ApplicationLayerWriter writer(Path directory) throws Exception {
    return new ApplicationLayerWriter(Cache.withDirectory(directory), directory, gzipThreads, 2);
  }

  /** A 9 MB jar of random bytes (more than two chunks) and a repetitive properties file. */
  private ImmutableList<FileEntry> entries() throws IOException {
    Path jar = temp.resolve("payload.jar");
    Path text = temp.resolve("server.properties");
    if (!Files.exists(jar)) {
      byte[] random = new byte[9 * MEGABYTE];
      new Random(7).nextBytes(random);
      Files.write(jar, random);
      StringBuilder properties = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        properties.append("listener.name.internal.setting").append(i % 50).append("=value\n");
      }
      Files.writeString(text, properties);
    }
    Instant time = Instant.ofEpochSecond(1);
    return ImmutableList.of(
        new FileEntry(
            jar,
            AbsoluteUnixPath.get("/usr/share/confluent-hub-components/c1/payload.jar"),
            FilePermissions.DEFAULT_FILE_PERMISSIONS,
            time),
        new FileEntry(
            text,
            AbsoluteUnixPath.get("/etc/kafka/server.properties"),
            FilePermissions.DEFAULT_FILE_PERMISSIONS,
            time));
  }

  private static byte[] jibsTar(ImmutableList<FileEntry> entries) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    new ReproducibleLayerBuilder(entries).build().writeTo(tar);
    return tar.toByteArray();
  }

  private static byte[] gunzip(CachedLayer layer) throws IOException {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    layer.getBlob().writeTo(gzipped);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.toByteArray()))) {
      return in.readAllBytes();
    }
  }
}
