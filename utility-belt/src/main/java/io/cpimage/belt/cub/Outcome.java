package io.cpimage.belt.cub;

import io.cpimage.belt.ready.ReadinessResult;
import java.io.PrintWriter;

/** Turns a readiness result into cub's exit code, with the reason on stderr. */
final class Outcome {

  private Outcome() {}

  static int exitCode(ReadinessResult result, PrintWriter err) {
    if (result.ready()) {
      return 0;
    }
    err.println(result.reason());
    return 1;
  }
}
