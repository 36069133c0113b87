package io.cpimage.build;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.cloud.tools.jib.hash.CountingDigestOutputStream;
import com.google.cloud.tools.jib.image.ReproducibleLayerBuilder;
import com.google.common.collect.ImmutableList;
import io.cpimage.artifact.Directories;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
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
 * default level, which took a third of a rebuild after a 100 MB connector changed.
 *
 * <p>The layer goes where jib's cache keeps one ({@code layers/<digest>/<diff ID>}), its two
 * digests computed as it is written, not by reading it again; jib then reads it back as its own
 * ({@link Cache#retrieve(DescriptorDigest)}). The one step with no public API is the record that
 * maps the layer's file entries to it, which jib writes only for layers it compressed itself: a
 * file in the cache's {@code selectors} directory, named by jib's digest of the entries and holding
 * the layer's digest. That digest comes from jib's own (package-private) function; {@code
 * ApplicationLayerWriterTest} proves that jib's lookup finds what this writes. When the function is
 * not there (another jib), layers are left to jib's own writer.
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

  /**
   * The layer of {@code entries}, written into the cache, where jib finds it by them; a damaged
   * cache is the caller's to report, as it is when jib's lookup meets it.
   */
  CachedLayer write(ImmutableList<FileEntry> entries) throws IOException, CacheCorruptedException {
    if (SELECTOR.isEmpty()) {
      return cache.writeUncompressedLayer(new ReproducibleLayerBuilder(entries).build(), entries);
    }
    Path temporary = Files.createDirectories(directory.resolve("cp-image-tmp"));
    Path written = Files.createTempDirectory(temporary, "cp-image-layer");
    try {
      Path gzipped = written.resolve("layer");
      // jib's own digesting stream, as its writer uses: the layer's digest is the gzip's.
      CountingDigestOutputStream file =
          new CountingDigestOutputStream(
              new BufferedOutputStream(Files.newOutputStream(gzipped), 1 << 16));
      DescriptorDigest diffId;
      try (file;
          OutputStream tar = gzip.compressing(file)) {
        diffId = new ReproducibleLayerBuilder(entries).build().writeTo(tar).getDigest();
      }
      DescriptorDigest digest = file.computeDigest().getDigest();
      // jib's layout: layers/<digest>/<diff ID>, the file named by the layer's diff ID.
      Files.move(gzipped, written.resolve(diffId.getHash()));
      Path layerDirectory = directory.resolve("layers").resolve(digest.getHash());
      Files.createDirectories(layerDirectory.getParent());
      try {
        Files.move(written, layerDirectory, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // Another build wrote the same layer first (the rename finds a directory that is not
        // empty): the same bytes, kept.
        if (!Files.isRegularFile(layerDirectory.resolve(diffId.getHash()))) {
          throw e;
        }
      }
      recordSelector(entries, digest, temporary);
      return cache
          .retrieve(digest)
          .orElseThrow(
              () -> new IOException("jib's cache lost the layer " + digest + " just written"));
    } finally {
      // Gone already when it was moved into place.
      Directories.deleteRecursively(written);
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
