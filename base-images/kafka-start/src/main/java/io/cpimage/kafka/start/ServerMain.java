package io.cpimage.kafka.start;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * The server's main class, named on the command line: the start classes of this package run it in
 * their own JVM. Named rather than implied so that the process list still shows {@code
 * kafka.Kafka}, which {@code kafka-server-stop} and users' scripts look for.
 */
final class ServerMain {
  private ServerMain() {}

  /** Runs {@code args[from]}'s {@code main} with the arguments after it. */
  static void run(String[] args, int from) throws Throwable {
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName(args[from]),
                "main",
                MethodType.methodType(void.class, String[].class));
    main.invokeExact(Arrays.copyOfRange(args, from + 1, args.length));
  }
}
