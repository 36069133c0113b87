package io.cpimage.belt.ready;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits for a TCP port to accept connections, as {@code dub wait} does. */
final class TcpPort {

  private TcpPort() {}

  static void awaitOpen(String host, int port, Deadline deadline)
      throws NotReadyException, InterruptedException {
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(host, port),
            (int) deadline.cap(Duration.ofSeconds(5)).toMillis());
        return;
      } catch (IOException e) {
        if (deadline.expired()) {
          throw new NotReadyException(host + " cannot be reached on port " + port + ".");
        }
        deadline.pauseBeforeRetry();
      }
    }
  }
}
