package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipTest {
  private static final int CHUNK = 1024;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** Half random, half repetitive bytes: both deflate paths (stored-like and matched). */
  private static byte[] input(int length) {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    for (int i = length / 2; i < length; i++) {
      data[i] = (byte) ('a' + i % 7);
    }
    return data;
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, 100, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 7 * CHUNK + 300, 40 * CHUNK})
  void outputGunzipsToTheInput(int length) throws IOException {
    byte[] data = input(length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long read =
        new ParallelGzip(executor, 2, Deflater.BEST_SPEED, CHUNK)
            .compress(new ByteArrayInputStream(data), out);
    assertEquals(length, read);
    assertArrayEquals(data, gunzip(out.toByteArray()));
  }

  /** Repetitive bytes: every chunk is worth deflating. */
  private static byte[] repetitive(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) ('a' + i % 7);
    }
    return data;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, CHUNK, 3 * CHUNK + 5})
  void eachChunkIsItsOwnMemberInOrder(int length) throws IOException {
    byte[] data = repetitive(length);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    int offset = 0;
    do {
      int end = Math.min(length, offset + CHUNK);
      byte[] chunk = Arrays.copyOfRange(data, offset, end);
      expected.write(ParallelGzip.member(chunk, Deflater.DEFAULT_COMPRESSION));
      offset = end;
    } while (offset < length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ParallelGzip(executor, 2, Deflater.DEFAULT_COMPRESSION, CHUNK)
        .compress(new ByteArrayInputStream(data), out);
    assertArrayEquals(expected.toByteArray(), out.toByteArray());
  }

  /**
   * A chunk of random bytes (as a jar's) is stored, a repetitive one deflated, judged by a sample
   * taken in slices over a large chunk; the output gunzips to the input either way.
   */
  @Test
  void chunksThatDoNotCompressAreStored() throws IOException {
    int chunk = 256 * 1024;
    byte[] random = new byte[chunk];
    new Random(3).nextBytes(random);
    byte[] data = new byte[2 * chunk];
    System.arraycopy(random, 0, data, 0, chunk);
    System.arraycopy(repetitive(chunk), 0, data, chunk, chunk);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ParallelGzip(executor, 2, Deflater.DEFAULT_COMPRESSION, chunk)
        .compress(new ByteArrayInputStream(data), out);

    assertEquals(Deflater.NO_COMPRESSION, ParallelGzip.levelFor(random, Deflater.BEST_SPEED));
    assertEquals(
        Deflater.BEST_SPEED, ParallelGzip.levelFor(repetitive(chunk), Deflater.BEST_SPEED));
    byte[] storedMember = ParallelGzip.member(random, Deflater.NO_COMPRESSION);
    assertArrayEquals(storedMember, Arrays.copyOf(out.toByteArray(), storedMember.length));
    assertTrue(out.size() < storedMember.length + chunk / 10, out.size() + " bytes");
    assertArrayEquals(data, gunzip(out.toByteArray()));
  }

  /**
   * JDK 17's G1 throws {@code OutOfMemoryError} at a thread that needs memory while others hold the
   * GC locker (JDK-8308507): a build failed so with the heap nearly empty. The gzip must pin
   * nothing. Its JVM gives up at the first wait for the locker, so a gzip that pinned arrays fails
   * within a second or two; the JVM of this test's class path, on its own.
   */
  @Test
  void compressesWhileOtherThreadsAllocate() throws IOException, InterruptedException {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions",
                "-XX:GCLockerRetryAllocationCount=0",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                GzipBesideAllocation.class.getName(),
                "4")
            .redirectErrorStream(true)
            .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, jvm.exitValue(), output);
    assertFalse(output.contains("GCLocker"), output);
  }
}
