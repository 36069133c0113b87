package io.cpimage.belt.ready;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one readiness check, as a value: what was awaited, whether it became ready, how
 * long that took, and, when it did not, why (a sentence a user can act on).
 *
 * @param service what was awaited, e.g. {@code "Kafka at 127.0.0.1:9092"}
 * @param ready whether the service was ready before the timeout
 * @param elapsed time from the start of the check to its outcome
 * @param reason why the service is not ready; empty when it is
 */
public record ReadinessResult(String service, boolean ready, Duration elapsed, String reason) {

  public ReadinessResult {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(reason, "reason");
  }

  public static ReadinessResult ready(String service, Duration elapsed) {
    return new ReadinessResult(service, true, elapsed, "");
  }

  public static ReadinessResult notReady(String service, Duration elapsed, String reason) {
    return new ReadinessResult(service, false, elapsed, reason);
  }
}
