package io.cpimage.build;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A copy of a docker-save tar whose layers are gzipped, by {@link ParallelGzip} on every core at
 * {@link Deflater#BEST_SPEED}. jib copies a base's gzipped layers into its base layer cache as they
 * are; given {@code docker save}'s plain layers it compresses each on one thread at the default
 * level, which on a CP base takes most of a cold build. The price: these layers, pushed later from
 * jib's cache to a registry, are somewhat larger than at the default level.
 */
final class GzippedLayersTar {
  private static final int BLOCK = 512;

  /** What the copy did: the layers it compressed, their plain and their gzipped bytes. */
  record Compressed(int layers, long plainBytes, long gzippedBytes) {}

  private GzippedLayersTar() {}

  /**
   * Writes {@code plain}, a docker-save tar, to {@code out} with every plain layer gzipped; other
   * entries (config, manifests, layers already gzipped) are copied unchanged. {@code out} appears
   * whole or not at all.
   */
  static Compressed write(Path plain, Path out) throws IOException {
    try (InputStream in = Files.newInputStream(plain)) {
      return write(in, out);
    }
  }

  /**
   * As {@link #write(Path, Path)}, from {@code plain}, a docker-save tar read as it comes (from
   * {@code docker save}, say): the layers are compressed while the rest is still on its way.
   */
  static Compressed write(InputStream plain, Path out) throws IOException {
    int threads = Runtime.getRuntime().availableProcessors();
    Path directory = out.toAbsolutePath().getParent();
    try (JoinedThreadPool pool = JoinedThreadPool.fixed("cp-image-gzip", threads)) {
      Path partial = Files.createTempFile(directory, ".tmp-" + out.getFileName(), "");
      try {
        ParallelGzip gzip =
            new ParallelGzip(
                pool.executor(), threads, Deflater.BEST_SPEED, ParallelGzip.CHUNK_SIZE);
        Compressed compressed = copy(plain, partial, gzip, directory);
        Files.move(
            partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return compressed;
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the compressing threads ended");
    }
  }

  private static Compressed copy(InputStream plain, Path out, ParallelGzip gzip, Path directory)
      throws IOException {
    int layers = 0;
    long plainBytes = 0;
    long gzippedBytes = 0;
    try (TarArchiveInputStream in =
            new TarArchiveInputStream(new BufferedInputStream(unclosed(plain), 1 << 16));
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(
                new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] head = entry.isFile() ? in.readNBytes(BLOCK) : new byte[0];
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(head), unclosed(in));
        if (!entry.isFile() || !isPlainTar(entry.getSize(), head)) {
          tar.putArchiveEntry(entry);
          content.transferTo(tar);
          tar.closeArchiveEntry();
          continue;
        }
        // The entry's header holds its size, so the layer is compressed to a file first.
        Path layer = Files.createTempFile(directory, ".tmp-layer", ".gz");
        try {
          try (OutputStream compressed =
              new BufferedOutputStream(Files.newOutputStream(layer), 1 << 16)) {
            plainBytes += gzip.compress(content, compressed);
          }
          // A new header: the input stream still reads the entry's own size.
          TarArchiveEntry gzipped = new TarArchiveEntry(entry.getName());
          gzipped.setMode(entry.getMode());
          gzipped.setModTime(entry.getModTime());
          gzipped.setUserId(entry.getLongUserId());
          gzipped.setGroupId(entry.getLongGroupId());
          gzipped.setUserName(entry.getUserName());
          gzipped.setGroupName(entry.getGroupName());
          gzipped.setSize(Files.size(layer));
          gzippedBytes += gzipped.getSize();
          layers++;
          tar.putArchiveEntry(gzipped);
          Files.copy(layer, tar);
          tar.closeArchiveEntry();
        } finally {
          Files.deleteIfExists(layer);
        }
      }
    }
    return new Compressed(layers, plainBytes, gzippedBytes);
  }

  /**
   * {@code in}, which a {@link SequenceInputStream} closes at its end, kept open for the next
   * entry.
   */
  private static InputStream unclosed(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /**
   * True when a layer of the docker-save tar {@code tar} is plain, as {@code docker save} writes
   * them: jib would compress it. Layers taken out of an OCI layout, or already gzipped, are not.
   */
  static boolean hasPlainLayers(Path tar) throws IOException {
    try (ImageTar file = ImageTar.open(tar)) {
      for (String layer : file.manifest().layers()) {
        byte[] head;
        try (InputStream in = file.open(layer)) {
          head = in.readNBytes(BLOCK);
        }
        if (isPlainTar(file.size(layer), head)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A layer as {@code docker save} writes it ({@code size} bytes starting with {@code head}): a
   * plain tar, whose first block is a tar header or, in an empty layer, the end-of-archive zeros.
   * Configs and manifests are JSON; a gzipped layer starts with gzip's magic.
   */
  static boolean isPlainTar(long size, byte[] head) {
    if (head.length < BLOCK || size % BLOCK != 0) {
      return false;
    }
    boolean zeros = true;
    for (byte b : head) {
      zeros &= b == 0;
    }
    return zeros || TarUtils.verifyCheckSum(head);
  }
}
