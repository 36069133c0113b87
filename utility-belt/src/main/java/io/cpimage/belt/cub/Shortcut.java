package io.cpimage.belt.cub;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The calls Confluent's boot scripts make at every container start ({@code listeners}, {@code
 * zk-ready}, {@code kafka-ready}), run without picocli when their arguments have the plain form the
 * scripts use. Building picocli's model costs more than {@code listeners} itself and a good part of
 * a readiness check's start: its classes are Java 5 class files, which JDK 25's AOT cache cannot
 * hold, so each run loads and verifies them anew. Any other form (another option, a help flag, an
 * {@code @file}, a number picocli would parse differently or refuse) goes to picocli, so usage
 * errors and help read exactly as before.
 */
final class Shortcut {

  /** Returned when picocli has to decide. */
  static final int NOT_TAKEN = -1;

  private Shortcut() {}

  /** Runs {@code args} if it is a plain call of a shortcut verb; otherwise {@link #NOT_TAKEN}. */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 0) {
      return NOT_TAKEN;
    }
    try {
      return runVerb(env, out, err, args);
    } catch (IOException | RuntimeException e) {
      // As Cub's execution handler reports a failure that picocli's call threw.
      err.println(args[0] + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      return 1;
    }
  }

  private static int runVerb(
      Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) throws IOException {
    switch (args[0]) {
      case "listeners":
        return args.length == 2 && operand(args[1])
            ? ListenersCommand.print(args[1], out)
            : NOT_TAKEN;
      case "zk-ready":
        return args.length == 3 && operand(args[1]) && number(args[2])
            ? ZkReadyCommand.check(env, err, args[1], Integer.parseInt(args[2]))
            : NOT_TAKEN;
      case "kafka-ready":
        return kafkaReady(env, err, args);
      default:
        return NOT_TAKEN;
    }
  }

  /**
   * {@code kafka-ready <n> <timeout> -b <servers> [-c|--config <file>]}, the two options in either
   * order, as cp-kafka-connect's ensure (or a user's own) calls it.
   */
  private static int kafkaReady(Map<String, String> env, PrintWriter err, String[] args)
      throws IOException {
    if (args.length != 5 && args.length != 7 || !number(args[1]) || !number(args[2])) {
      return NOT_TAKEN;
    }
    String servers = null;
    Path config = null;
    for (int option = 3; option < args.length; option += 2) {
      String value = args[option + 1];
      if (!operand(value)) {
        return NOT_TAKEN;
      }
      if ("-b".equals(args[option]) && servers == null) {
        servers = value;
      } else if (("-c".equals(args[option]) || "--config".equals(args[option])) && config == null) {
        config = Path.of(value);
      } else {
        return NOT_TAKEN;
      }
    }
    if (servers == null) {
      return NOT_TAKEN;
    }
    return KafkaReadyCommand.check(
        env,
        err,
        Integer.parseInt(args[1]),
        Integer.parseInt(args[2]),
        servers,
        null,
        config,
        "PLAINTEXT");
  }

  /** An argument picocli reads as it stands: not empty, not an option, not an argument file. */
  private static boolean operand(String arg) {
    return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
  }

  /** Decimal digits that fit an int, which picocli's int converter reads the same way. */
  private static boolean number(String arg) {
    return arg.matches("[0-9]{1,9}");
  }
}
