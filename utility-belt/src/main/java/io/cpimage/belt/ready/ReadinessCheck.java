package io.cpimage.belt.ready;

/**
 * Waits for one service to become ready. Implementations are immutable: their {@code with...}
 * methods return a new check, so a check can be shared and run from several threads at once.
 */
public interface ReadinessCheck {

  /** What this check awaits, in words, e.g. {@code "ZooKeeper at 127.0.0.1:2181"}. */
  String service();

  /**
   * Blocks until the service is ready, a failure that waiting cannot cure (wrong credentials, an
   * untrusted certificate) is seen, or the timeout passes. Never throws for a service that is not
   * ready: the result says why.
   */
  ReadinessResult await();
}
