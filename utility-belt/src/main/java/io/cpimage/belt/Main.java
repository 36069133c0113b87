package io.cpimage.belt;

import io.cpimage.belt.cub.Cub;
import io.cpimage.belt.dub.Dub;
import io.cpimage.belt.ub.Ub;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code utility-belt.jar}: {@code java -jar utility-belt.jar dub|cub|ub <args>}.
 */
public final class Main {

  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(System.getenv(), out, err, args));
  }

  /** Runs one tool and returns its exit code: 0 success, 1 failed check, 2 usage error. */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 0) {
      err.println("Usage: java -jar utility-belt.jar (dub|cub|ub) <command> [<args>...]");
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "dub":
        return Dub.execute(env, out, err, rest);
      case "cub":
        return Cub.execute(env, out, err, rest);
      case "ub":
        return Ub.execute(env, out, err, rest);
      default:
        err.println(
            "Unknown tool '" + args[0] + "'. Usage: java -jar utility-belt.jar (dub|cub|ub) ...");
        return USAGE;
    }
  }
}
