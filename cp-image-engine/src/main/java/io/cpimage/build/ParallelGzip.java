package io.cpimage.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Gzip on every core, pigz's idea: the input is cut into fixed-size chunks, each compressed on its
 * own into a complete gzip member, and the members are written in order. Concatenated members are
 * one gzip stream to gunzip, Java's {@code GZIPInputStream}, Go's reader (Docker) and registries;
 * each chunk starts without its predecessor's dictionary, which costs a little ratio.
 */
final class ParallelGzip {
  /** Large enough that the lost dictionary and the member headers cost well under 1%. */
  static final int CHUNK_SIZE = 4 << 20;

  private final ExecutorService executor;
  private final int level;
  private final int chunkSize;
  private final int inFlight;

  /**
   * Compresses on {@code executor}'s threads ({@code threads} of them) at {@code level} ({@link
   * Deflater#BEST_SPEED} ... {@link Deflater#BEST_COMPRESSION}), in chunks of {@code chunkSize}.
   */
  ParallelGzip(ExecutorService executor, int threads, int level, int chunkSize) {
    this.executor = executor;
    this.level = level;
    this.chunkSize = chunkSize;
    // Two chunks per thread keep every thread busy while bounding the memory held.
    this.inFlight = 2 * Math.max(1, threads);
  }

  /**
   * Writes {@code in}, gzipped, to {@code out}; returns the number of bytes read. An empty input
   * gives one empty member, a valid gzip stream.
   */
  long compress(InputStream in, OutputStream out) throws IOException {
    Deque<Future<byte[]>> pending = new ArrayDeque<>();
    long read = 0;
    boolean first = true;
    try {
      while (true) {
        byte[] chunk = in.readNBytes(chunkSize);
        if (chunk.length == 0 && !first) {
          break;
        }
        first = false;
        read += chunk.length;
        pending.add(executor.submit(() -> member(chunk, level)));
        if (pending.size() >= inFlight) {
          out.write(next(pending));
        }
        if (chunk.length < chunkSize) {
          break;
        }
      }
      while (!pending.isEmpty()) {
        out.write(next(pending));
      }
      return read;
    } finally {
      pending.forEach(future -> future.cancel(true));
    }
  }

  private static byte[] next(Deque<Future<byte[]>> pending) throws IOException {
    try {
      return pending.remove().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compressing a chunk failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * One gzip member (RFC 1952) holding {@code data}, without a name or time, so the same input
   * always gives the same bytes.
   */
  static byte[] member(byte[] data, int level) throws IOException {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(level);
    // Its default of 512 bytes would call the deflater some 8,000 times per chunk.
    parameters.setBufferSize(64 * 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
    try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }
}
