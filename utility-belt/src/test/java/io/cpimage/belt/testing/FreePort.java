package io.cpimage.belt.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port on 127.0.0.1 that nothing listens on (just released by the OS), for "never ready" cases.
 */
public final class FreePort {

  private FreePort() {}

  public static int closed() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
