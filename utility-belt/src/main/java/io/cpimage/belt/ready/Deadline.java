package io.cpimage.belt.ready;

import java.time.Duration;

/** The end of a check's time budget, measured on the monotonic clock. */
final class Deadline {

  /** Pause between two attempts, as Confluent's tools do. */
  static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final long startNanos;
  private final long endNanos;

  private Deadline(long startNanos, Duration timeout) {
    this.startNanos = startNanos;
    this.endNanos = startNanos + timeout.toNanos();
  }

  static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime(), timeout);
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  boolean expired() {
    return remaining().isZero();
  }

  /** Sleeps for the retry pause, or less when the deadline comes first. */
  void pauseBeforeRetry() throws InterruptedException {
    Duration pause = remaining();
    if (pause.compareTo(RETRY_PAUSE) > 0) {
      pause = RETRY_PAUSE;
    }
    Thread.sleep(pause.toMillis());
  }

  /** Caps a per-attempt timeout by what is left of the budget, but never below one millisecond. */
  Duration cap(Duration attemptTimeout) {
    Duration left = remaining();
    Duration capped = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
    return capped.isZero() ? Duration.ofMillis(1) : capped;
  }
}
