package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.util.Map;

/** The {@code dub} tool. */
public final class Dub {

  private Dub() {}

  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    err.println("dub: not implemented yet");
    return 1;
  }
}
