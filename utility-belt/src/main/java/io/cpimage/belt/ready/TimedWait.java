package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.time.Duration;

/**
 * How every check ends: its waiting runs against one deadline, and returning, a {@link
 * NotReadyException} or an interrupt becomes the {@link ReadinessResult}, with the time it took.
 */
final class TimedWait {

  /** A check's waiting; returns when the service is ready. */
  @FunctionalInterface
  interface Steps {
    void run(Deadline deadline) throws NotReadyException, InterruptedException;
  }

  private TimedWait() {}

  static ReadinessResult await(String service, Duration timeout, Steps steps) {
    Deadline deadline = Deadline.after(timeout);
    try {
      steps.run(deadline);
      return ReadinessResult.ready(service, deadline.elapsed());
    } catch (NotReadyException e) {
      return ReadinessResult.notReady(service, deadline.elapsed(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ReadinessResult.notReady(service, deadline.elapsed(), "Interrupted.");
    }
  }
}
