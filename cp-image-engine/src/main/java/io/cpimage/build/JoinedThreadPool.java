package io.cpimage.build;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A thread pool none of whose threads is alive once it is closed: closing stops the tasks still
 * running and returns only when every thread the pool made has ended. A build that returns, or
 * fails, then leaves nothing behind that still writes into a cache or a file, or logs through the
 * caller's log after the caller has gone on.
 */
final class JoinedThreadPool implements AutoCloseable {
  private final List<Thread> created = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;

  private JoinedThreadPool(String name, Factory pool) {
    ThreadFactory threads =
        task -> {
          Thread thread = new Thread(task, name);
          created.add(thread);
          return thread;
        };
    executor = pool.create(threads);
  }

  /** A pool of {@code size} threads named {@code name}. */
  static JoinedThreadPool fixed(String name, int size) {
    return new JoinedThreadPool(name, threads -> Executors.newFixedThreadPool(size, threads));
  }

  /**
   * A pool that makes a thread for each task no idle thread takes, named {@code name}: for tasks
   * that wait for one another's results, which a bounded pool could leave waiting forever.
   */
  static JoinedThreadPool unbounded(String name) {
    return new JoinedThreadPool(name, Executors::newCachedThreadPool);
  }

  /** Runs the tasks; valid until {@link #close}. */
  ExecutorService executor() {
    return executor;
  }

  /**
   * Interrupts the tasks still running and waits until every thread of the pool has ended. A task
   * that ignores the interrupt is waited for.
   */
  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
      // A task blocked in I/O ends at its next interruptible call or when the I/O times out.
    }
    // The pool counts as terminated as its last thread begins to exit, so a thread may still be
    // alive here: wait until each has ended, so that none outlives the build that closed it.
    for (Thread thread : created) {
      thread.join();
    }
  }

  private interface Factory {
    ExecutorService create(ThreadFactory threads);
  }
}
