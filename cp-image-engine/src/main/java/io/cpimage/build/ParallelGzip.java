package io.cpimage.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
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

  /**
   * The gzip header (RFC 1952, 2.3): magic, deflate, no flags, no time, extra flags (at {@link
   * #EXTRA_FLAGS}, set by {@link #extraFlags}), operating system unknown.
   */
  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };

  /** The header's index of its extra flags (XFL). */
  private static final int EXTRA_FLAGS = 8;

  /** The trailer's length: the CRC-32 of the data and its length modulo 2^32, little-endian. */
  private static final int TRAILER = 8;

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
      pending.add(executor.submit(() -> chunkMember(full, level)));
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

  /** One chunk's gzip member: copied once to direct memory, judged, then deflated. */
  private static byte[] chunkMember(byte[] chunk, int level) {
    ByteBuffer direct = DirectBuffers.ofThisThread().input(chunk);
    return member(direct, levelFor(direct.duplicate(), level));
  }

  /**
   * The level to deflate {@code chunk} at: {@code level}, or {@link Deflater#NO_COMPRESSION} when a
   * sample of it (a few slices spread over it, the whole of a small chunk) saves less than {@link
   * #WORTHWHILE_SAVING} at {@link Deflater#BEST_SPEED}. The sample costs about 1% of deflating the
   * chunk; the choice depends on the bytes only, so the same input always gives the same output.
   */
  static int levelFor(byte[] chunk, int level) {
    return levelFor(DirectBuffers.ofThisThread().input(chunk), level);
  }

  private static int levelFor(ByteBuffer chunk, int level) {
    int length = chunk.remaining();
    // A chunk smaller than a slice costs as little to deflate as to judge.
    if (length < SAMPLE_SLICE || level == Deflater.NO_COMPRESSION) {
      return level;
    }
    // A chunk too small for separate slices is sampled whole.
    int slices = length > SAMPLE_SLICE * SAMPLE_SLICES ? SAMPLE_SLICES : 1;
    int slice = slices == 1 ? length : SAMPLE_SLICE;
    ByteBuffer out = DirectBuffers.ofThisThread().sample();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      long sampled = 0;
      long deflated = 0;
      for (int i = 0; i < slices; i++) {
        int offset = slices == 1 ? 0 : (int) ((long) (length - slice) * i / (slices - 1));
        deflater.reset();
        deflater.setInput(chunk.slice(chunk.position() + offset, slice));
        deflater.finish();
        while (!deflater.finished()) {
          out.clear();
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
  static byte[] member(byte[] data, int level) {
    return member(DirectBuffers.ofThisThread().input(data), level);
  }

  /**
   * The member of {@code data}, a direct buffer. The gzip streams of the JDK and commons-compress
   * hand zlib byte arrays, which the JDK pins in a JNI critical region for each call, and JDK 17's
   * G1 cannot collect while any thread is in one: a thread that needs memory meanwhile retries
   * twice, then throws {@code OutOfMemoryError} with the heap nearly empty (JDK-8308507, gone with
   * JDK 22's region pinning). With every core deflating, builds failed so. zlib reads and writes
   * direct buffers by address, pinning nothing; the price is writing the member's ten-byte header
   * and eight-byte trailer here, byte for byte as commons-compress wrote them.
   */
  private static byte[] member(ByteBuffer data, int level) {
    CRC32 crc = new CRC32();
    int length = data.remaining();
    crc.update(data.duplicate());
    ByteBuffer out = DirectBuffers.ofThisThread().output(length);
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      while (!deflater.finished()) {
        if (!out.hasRemaining()) {
          out = DirectBuffers.ofThisThread().grownOutput(out);
        }
        deflater.deflate(out);
      }
    } finally {
      deflater.end();
    }
    out.flip();
    byte[] member = new byte[HEADER.length + out.remaining() + TRAILER];
    ByteBuffer bytes = ByteBuffer.wrap(member).order(ByteOrder.LITTLE_ENDIAN);
    bytes.put(HEADER).put(EXTRA_FLAGS, extraFlags(level));
    bytes.put(out).putInt((int) crc.getValue()).putInt(length);
    return member;
  }

  /** The header's XFL: 2 for the slowest level, 4 for the fastest (RFC 1952, 2.3.1). */
  private static byte extraFlags(int level) {
    return (byte) (level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0);
  }

  /**
   * A thread's direct buffers, kept while it lives: its chunk, the deflated output and the sample's
   * scratch, grown to the largest chunk it met. A pool's threads end with its build.
   */
  private static final class DirectBuffers {
    private static final ThreadLocal<DirectBuffers> OF_THREAD =
        ThreadLocal.withInitial(DirectBuffers::new);

    private ByteBuffer input = ByteBuffer.allocateDirect(0);
    private ByteBuffer output = ByteBuffer.allocateDirect(0);
    private final ByteBuffer sample = ByteBuffer.allocateDirect(SAMPLE_SLICE);

    static DirectBuffers ofThisThread() {
      return OF_THREAD.get();
    }

    /** {@code data}, copied into this thread's input buffer, ready to read. */
    ByteBuffer input(byte[] data) {
      if (input.capacity() < data.length) {
        input = ByteBuffer.allocateDirect(data.length);
      }
      input.clear();
      input.put(data).flip();
      return input;
    }

    /**
     * The output buffer, cleared, large enough for {@code length} bytes deflated at any level
     * (zlib's stored blocks add 5 bytes per 64 KB); {@link #grownOutput} is the safety net.
     */
    ByteBuffer output(int length) {
      int bound = length + (length >> 10) + 64;
      if (output.capacity() < bound) {
        output = ByteBuffer.allocateDirect(bound);
      }
      output.clear();
      return output;
    }

    /** A buffer twice the size of {@code full}, holding what it holds. */
    ByteBuffer grownOutput(ByteBuffer full) {
      output = ByteBuffer.allocateDirect(2 * full.capacity()).put(full.flip());
      return output;
    }

    ByteBuffer sample() {
      return sample;
    }
  }
}
