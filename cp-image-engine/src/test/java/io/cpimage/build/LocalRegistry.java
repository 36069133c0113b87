package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's local registry script ({@code scripts/local-registry.sh}), as the tests run it. */
final class LocalRegistry {
  private static final Path SCRIPT = Path.of("../scripts/local-registry.sh").toAbsolutePath();

  private LocalRegistry() {}

  /** Starts a registry keeping its state in {@code state}, on {@code port} of 127.0.0.1. */
  static void start(Path state, int port) throws Exception {
    script("start", state.toString(), String.valueOf(port));
  }

  /**
   * Starts a registry keeping its state in {@code state} on a free port of 127.0.0.1; returns its
   * address, {@code 127.0.0.1:<port>}.
   */
  static String startOnFreePort(Path state) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    start(state, port);
    return "127.0.0.1:" + port;
  }

  /** Stops the registry that keeps its state in {@code state}. */
  static void stop(Path state) throws Exception {
    script("stop", state.toString());
  }

  private static void script(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
  }
}
