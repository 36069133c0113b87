package io.cpimage.belt.dub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits for a TCP port to accept connections. */
final class TcpPort {

  private static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

  private TcpPort() {}

  /**
   * Tries to connect until one attempt succeeds or the deadline passes. A name that does not
   * resolve yet is retried too: in a compose network the peer's name appears when it starts.
   */
  static boolean waitUntilOpen(String host, int port, Deadline deadline)
      throws InterruptedException {
    while (true) {
      try (Socket socket = new Socket()) {
        // 0 would mean "no timeout" to Socket.connect.
        int connectMillis =
            (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remaining().toMillis()));
        socket.connect(new InetSocketAddress(host, port), connectMillis);
        return true;
      } catch (IOException e) {
        if (deadline.passed()) {
          return false;
        }
        deadline.sleep(RETRY_INTERVAL);
      }
    }
  }
}
