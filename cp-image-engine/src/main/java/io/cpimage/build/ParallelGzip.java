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
import java.util.zip.CRC32;
import java.util.zip.Deflater;

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

  /** One gzip member (RFC 1952) holding {@code data}: header, raw deflate, CRC-32, length. */
  static byte[] member(byte[] data, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      // Magic, deflate, no flags, no time (reproducible), extra flags by level, OS unknown.
      int extraFlags =
          level == Deflater.BEST_SPEED ? 4 : level == Deflater.BEST_COMPRESSION ? 2 : 0;
      out.write(
          new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) extraFlags, (byte) 255}, 0, 10);
      deflater.setInput(data);
      deflater.finish();
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      CRC32 crc = new CRC32();
      crc.update(data);
      writeIntLe(out, (int) crc.getValue());
      writeIntLe(out, data.length);
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void writeIntLe(ByteArrayOutputStream out, int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write(value >>> shift);
    }
  }
}
