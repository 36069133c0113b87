package io.cpimage.build;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * A JVM of its own for {@link ParallelGzipTest#compressesWhileOtherThreadsAllocate}: gzips on two
 * threads for the given seconds while the main thread allocates 2 MB arrays, as a build's layer
 * writer does beside the gzip pool. Exits 0 when every allocation and compression succeeded.
 */
final class GzipBesideAllocation {
  /** Where each array goes, so that no compiler can leave the allocation out. */
  private static volatile byte[] lastAllocated;

  private GzipBesideAllocation() {}

  public static void main(String[] args) throws Exception {
    long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
    byte[] data = new byte[8 * ParallelGzip.CHUNK_SIZE];
    new Random(1).nextBytes(data);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      ParallelGzip gzip = new ParallelGzip(executor, 2, Deflater.BEST_SPEED, 1 << 20);
      Future<?> compressing =
          Executors.newSingleThreadExecutor(
                  task -> {
                    Thread thread = new Thread(task);
                    thread.setDaemon(true);
                    return thread;
                  })
              .submit(
                  () -> {
                    while (System.nanoTime() < end) {
                      gzip.compress(
                          new ByteArrayInputStream(data), OutputStream.nullOutputStream());
                    }
                    return null;
                  });
      long allocated = 0;
      while (System.nanoTime() < end) {
        lastAllocated = new byte[2 << 20];
        allocated += lastAllocated.length;
      }
      compressing.get();
      System.out.println("allocated " + (allocated >> 20) + " MB beside the gzip");
    } finally {
      executor.shutdownNow();
    }
  }
}
