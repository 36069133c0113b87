package io.cpimage.belt.wait;

import java.time.Duration;

/** The end of a wait's time budget, measured on the monotonic clock. */
public final class Deadline {

  /** Pause between two attempts, as Confluent's tools do. */
  public static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final long startNanos;
  private final long endNanos;

  private Deadline(long startNanos, Duration timeout) {
    this.startNanos = startNanos;
    this.endNanos = startNanos + timeout.toNanos();
  }

  public static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime(), timeout);
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** Sleeps {@code interval}, or less when the deadline comes first. */
  public void sleep(Duration interval) throws InterruptedException {
    Duration left = remaining();
    Thread.sleep((interval.compareTo(left) < 0 ? interval : left).toMillis());
  }

  /** Sleeps for {@link #RETRY_PAUSE}, or less when the deadline comes first. */
  public void pauseBeforeRetry() throws InterruptedException {
    sleep(RETRY_PAUSE);
  }

  /** Caps a per-attempt timeout by what is left of the budget, but never below one millisecond. */
  public Duration cap(Duration attemptTimeout) {
    Duration left = remaining();
    Duration capped = left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout;
    return capped.isZero() ? Duration.ofMillis(1) : capped;
  }
}
