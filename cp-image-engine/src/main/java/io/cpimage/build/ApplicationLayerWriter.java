package io.cpimage.build;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.zip.Deflater;

/**
 * Writes an added layer into jib's cache of application layers so that jib finds it there and
 * builds it no more: the layer's tar as jib makes it, gzipped by {@link ParallelGzip} on every core
 * (a chunk that does not compress, as a jar's, stored) instead of by jib on one thread at the
 * default level, which took most of a rebuild after a connector changed.
 *
 * <p>jib files the gzipped layer ({@link Cache#writeCompressedLayer}, which checks it and names it
 * by its digests); the one step with no public API is the record that maps the layer's file entries
 * to it, which jib writes only for layers it compressed itself: a file in the cache's {@code
 * selectors} directory, named by jib's digest of the entries and holding the layer's digest. That
 * digest comes from jib's own (package-private) function; {@code ApplicationLayerWriterTest} proves
 * that jib's lookup finds what this writes. When the function is not there (another jib), layers
 * are left to jib's own writer.
 */
final class ApplicationLayerWriter {
  private static final Optional<Method> SELECTOR = selectorFunction();

  private final Cache cache;
  private final Path directory;
  private final ParallelGzip gzip;

  /**
   * A writer into jib's cache {@code cache} in {@code directory}, compressing on {@code executor}'s
   * {@code threads} threads, which must not be the caller's: a chunk's task never waits.
   */
  ApplicationLayerWriter(Cache cache, Path directory, ExecutorService executor, int threads) {
    this.cache = cache;
    this.directory = directory;
    this.gzip =
        new ParallelGzip(executor, threads, Deflater.DEFAULT_COMPRESSION, ParallelGzip.CHUNK_SIZE);
  }

  /** The layer of {@code entries}, written into the cache, where jib finds it by them. */
  CachedLayer write(ImmutableList<FileEntry> entries) throws IOException {
    if (SELECTOR.isEmpty()) {
      return cache.writeUncompressedLayer(new ReproducibleLayerBuilder(entries).build(), entries);
    }
    Path temporary = Files.createDirectories(directory.resolve("cp-image-tmp"));
    Path gzipped = Files.createTempFile(temporary, "cp-image-layer", ".tar.gz");
    try {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(gzipped), 1 << 16);
          OutputStream tar = gzip.compressing(file)) {
        new ReproducibleLayerBuilder(entries).build().writeTo(tar);
      }
      CachedLayer layer = cache.writeCompressedLayer(Blobs.from(gzipped));
      recordSelector(entries, layer.getDigest(), temporary);
      return layer;
    } finally {
      Files.deleteIfExists(gzipped);
    }
  }

  /**
   * Records in jib's {@code selectors} directory that {@code entries} make the layer {@code
   * digest}, renamed into place whole as jib writes it: a concurrent build reads the old record or
   * the new one, each naming a layer of the same entries.
   */
  private void recordSelector(
      ImmutableList<FileEntry> entries, DescriptorDigest digest, Path temporary)
      throws IOException {
    Path record = directory.resolve("selectors").resolve(selector(entries).getHash());
    Path partial = Files.createTempFile(temporary, "cp-image-selector", "");
    try {
      Files.writeString(partial, digest.getHash(), StandardCharsets.UTF_8);
      Files.createDirectories(record.getParent());
      Files.move(
          partial, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static DescriptorDigest selector(ImmutableList<FileEntry> entries) throws IOException {
    try {
      return (DescriptorDigest) SELECTOR.orElseThrow().invoke(null, entries);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("jib's layer selector failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IOException("jib's layer selector is not reachable: " + e, e);
    }
  }

  private static Optional<Method> selectorFunction() {
    try {
      Method method =
          Class.forName("com.google.cloud.tools.jib.cache.LayerEntriesSelector")
              .getDeclaredMethod("generateSelector", ImmutableList.class);
      method.setAccessible(true);
      return Optional.of(method);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
