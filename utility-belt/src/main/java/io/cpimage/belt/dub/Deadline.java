package io.cpimage.belt.dub;

import java.time.Duration;

/** The end of a wait: how much time is left, and sleeping without overshooting it. */
final class Deadline {

  private final long endNanos;

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  boolean passed() {
    return remaining().isZero();
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /** Sleeps {@code interval}, or less if the deadline comes first. */
  void sleep(Duration interval) throws InterruptedException {
    Duration nap = interval.compareTo(remaining()) < 0 ? interval : remaining();
    Thread.sleep(nap.toMillis());
  }
}
