package io.cpimage.baseimages;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports of this machine for servers a test starts on the host or binds a container to. */
public final class HostPorts {
  private HostPorts() {}

  /** A port nobody listens on right now, chosen by the kernel. */
  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
