package io.cpimage.smoke;

import java.util.function.Consumer;

/**
 * Testcontainers 2.0.5 reads {@code TESTCONTAINERS_RYUK_DISABLED} and {@code
 * TESTCONTAINERS_HOST_OVERRIDE} only from the process environment ({@code System.getenv}, not
 * system properties nor a classpath {@code testcontainers.properties}), so a plugin cannot set them
 * for its own JVM. Without them, on a machine that cannot reach Docker Hub, Testcontainers waits
 * minutes on a pull of {@code testcontainers/ryuk} (and, when Maven itself runs in a container, of
 * {@code alpine}) before it fails: say so up front.
 */
public final class SmokeEnvironment {
  private SmokeEnvironment() {}

  public static void warnWhenUnset(Consumer<String> warn) {
    if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      warn.accept(
          "TESTCONTAINERS_RYUK_DISABLED is not true: Testcontainers will pull and start"
              + " testcontainers/ryuk. Without access to Docker Hub, export"
              + " TESTCONTAINERS_RYUK_DISABLED=true (the smoke test stops its containers itself).");
    }
    if (System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
      warn.accept(
          "TESTCONTAINERS_HOST_OVERRIDE is not set: when Maven runs inside a container,"
              + " Testcontainers pulls alpine to find the Docker host; export"
              + " TESTCONTAINERS_HOST_OVERRIDE=localhost (or the Docker host's address) to avoid it.");
    }
  }
}
