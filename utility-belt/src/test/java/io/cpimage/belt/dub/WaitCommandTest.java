package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitCommandTest {

  @Test
  void anOpenPortPasses() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertEquals(
          new DubRun(0, "", ""),
          dub("wait", "127.0.0.1", Integer.toString(server.getLocalPort()), "5"));
    }
  }

  @Test
  void waitsForAPortThatOpensLater() throws Exception {
    int port = freePort();
    CompletableFuture<ServerSocket> opener =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            },
            CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));
    try {
      assertEquals(new DubRun(0, "", ""), dub("wait", "127.0.0.1", Integer.toString(port), "10"));
    } finally {
      opener.get().close();
    }
  }

  @Test
  void aClosedPortFailsAfterTheTimeout() throws Exception {
    String port = Integer.toString(freePort());
    long start = System.nanoTime();
    DubRun run = dub("wait", "127.0.0.1", port, "1");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(new DubRun(1, "", failedLine("wait", "127.0.0.1", port, "1")), run);
    assertTrue(millis >= 950 && millis < 4000, "took " + millis + " ms");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, dub("wait", "127.0.0.1", "http", "1").code());
    DubRun outOfRange = dub("wait", "127.0.0.1", "70000", "1");
    assertEquals(2, outOfRange.code());
    assertTrue(outOfRange.err().contains("PORT must be 1-65535, not 70000"), outOfRange.err());
    assertEquals(2, dub("wait", "127.0.0.1", "80").code());
  }

  /** A port that was free a moment ago (the socket is closed again). */
  static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
