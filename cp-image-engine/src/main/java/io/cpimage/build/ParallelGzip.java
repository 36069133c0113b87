package io.cpimage.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
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
 * each chunk starts without its predecessor's dictionary, which costs a little ratio. A chunk that
 * does not compress is stored ({@link #levelFor}): jars, the bulk of a CP image's added layers, are
 * compressed already, and deflating them again costs 20 to 25 ms a megabyte for under 2%.
 */
final class ParallelGzip {
  /** Large enough that the lost dictionary and the member headers cost well under 1%. */
  static final int CHUNK_SIZE = 4 << 20;

  /** The bytes of each of the slices {@link #levelFor} deflates to judge a chunk. */
  private static final int SAMPLE_SLICE = 16 * 1024;

  private static final int SAMPLE_SLICES = 4;

  /**
   * A chunk is deflated only when its sample shrinks by at least this share at {@link
   * Deflater#BEST_SPEED}; stored otherwise.
   */
  private static final double WORTHWHILE_SAVING = 0.05;

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
    try (Compressing gzip = compressing(out)) {
      return in.transferTo(gzip);
    }
  }

  /**
   * A stream that writes what it is given to {@code out}, gzipped: each full chunk is compressed on
   * the executor while the writer goes on. Closing it compresses the last chunk and writes what is
   * left, but leaves {@code out} open; nothing written means one empty member.
   */
  Compressing compressing(OutputStream out) {
    return new Compressing(out);
  }

  /** See {@link #compressing}. */
  final class Compressing extends OutputStream {
    private final OutputStream out;
    private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
    private byte[] chunk = new byte[chunkSize];
    private int filled;
    private boolean any;
    private boolean closed;

    private Compressing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        int taken = Math.min(length, chunkSize - filled);
        System.arraycopy(bytes, offset, chunk, filled, taken);
        filled += taken;
        offset += taken;
        length -= taken;
        if (filled == chunkSize) {
          submit(chunk);
          chunk = new byte[chunkSize];
          filled = 0;
        }
      }
    }

    private void submit(byte[] full) throws IOException {
      any = true;
      pending.add(executor.submit(() -> member(full, levelFor(full, level))));
      if (pending.size() >= inFlight) {
        out.write(next(pending));
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (filled > 0 || !any) {
          submit(Arrays.copyOf(chunk, filled));
        }
        while (!pending.isEmpty()) {
          out.write(next(pending));
        }
      } finally {
        pending.forEach(future -> future.cancel(true));
      }
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
   * The level to deflate {@code chunk} at: {@code level}, or {@link Deflater#NO_COMPRESSION} when a
   * sample of it (a few slices spread over it, the whole of a small chunk) saves less than {@link
   * #WORTHWHILE_SAVING} at {@link Deflater#BEST_SPEED}. The sample costs about 1% of deflating the
   * chunk; the choice depends on the bytes only, so the same input always gives the same output.
   */
  static int levelFor(byte[] chunk, int level) {
    // A chunk smaller than a slice costs as little to deflate as to judge.
    if (chunk.length < SAMPLE_SLICE || level == Deflater.NO_COMPRESSION) {
      return level;
    }
    // A chunk too small for separate slices is sampled whole.
    int slices = chunk.length > SAMPLE_SLICE * SAMPLE_SLICES ? SAMPLE_SLICES : 1;
    int slice = slices == 1 ? chunk.length : SAMPLE_SLICE;
    byte[] out = new byte[SAMPLE_SLICE];
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      long sampled = 0;
      long deflated = 0;
      for (int i = 0; i < slices; i++) {
        int offset = slices == 1 ? 0 : (int) ((long) (chunk.length - slice) * i / (slices - 1));
        deflater.reset();
        deflater.setInput(chunk, offset, slice);
        deflater.finish();
        while (!deflater.finished()) {
          deflated += deflater.deflate(out);
        }
        sampled += slice;
      }
      return deflated > sampled * (1 - WORTHWHILE_SAVING) ? Deflater.NO_COMPRESSION : level;
    } finally {
      deflater.end();
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
