package io.cpimage.belt.cub;

import java.io.PrintWriter;
import java.util.Map;

/** The {@code cub} tool. */
public final class Cub {

  private Cub() {}

  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    err.println("cub: not implemented yet");
    return 1;
  }
}
