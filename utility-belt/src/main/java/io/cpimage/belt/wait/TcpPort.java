package io.cpimage.belt.wait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits for a TCP port to accept connections, as {@code dub wait} does. */
public final class TcpPort {

  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private TcpPort() {}

  /**
   * Tries to connect until one attempt succeeds (true) or the deadline passes (false), pausing
   * {@code retryPause} between attempts. A name that does not resolve yet is retried too: in a
   * compose network the peer's name appears when it starts.
   */
  public static boolean awaitOpen(String host, int port, Deadline deadline, Duration retryPause)
      throws InterruptedException {
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(host, port), (int) deadline.cap(ATTEMPT_TIMEOUT).toMillis());
        return true;
      } catch (IOException e) {
        if (deadline.expired()) {
          return false;
        }
        deadline.sleep(retryPause);
      }
    }
  }
}
