package io.cpimage.kafka.firstboot;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import kafka.tools.StorageTool;
import org.apache.kafka.metadata.storage.FormatterException;

/**
 * Starts a KRaft node at its first boot: formats the log directories that are not formatted yet,
 * with Kafka's own storage tool as {@code kafka-storage format --ignore-formatted} does, then runs
 * the server's main class, in one JVM.
 *
 * <p>Why one JVM: the formatter in a JVM of its own loads and initialises much of what the server
 * then loads again (its configuration, Scala, the metadata records), and cost a first boot about
 * 0.35 s; in the server's JVM, whose start-up cache is trained on this path, about a tenth of that.
 *
 * <p>Usage: {@code FormatThenStart <cluster id> <main class> <server.properties> [args...]}. The
 * main class is named rather than implied so that the process list still shows {@code kafka.Kafka}.
 * Exits as {@code kafka-storage format} does when formatting fails: its message, status 1, and the
 * server is not started.
 */
public final class FormatThenStart {
  private FormatThenStart() {}

  public static void main(String[] args) throws Throwable {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Formats, then runs the main class; returns the status to exit with when it did not run. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Throwable {
    if (args.length < 3) {
      err.println("USAGE: FormatThenStart <cluster id> <main class> <server.properties> [args...]");
      return 1;
    }
    int formatted = format(args[0], args[2], out, err);
    if (formatted != 0) {
      return formatted;
    }
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName(args[1]), "main", MethodType.methodType(void.class, String[].class));
    main.invokeExact(Arrays.copyOfRange(args, 2, args.length));
    return 0;
  }

  private static int format(String clusterId, String config, PrintStream out, PrintStream err)
      throws Exception {
    try {
      return StorageTool.execute(
          new String[] {
            "format", "--ignore-formatted", "--cluster-id=" + clusterId, "--config", config
          },
          out);
    } catch (Exception e) {
      // The failures whose message is the whole story, as kafka-storage's own main reports them.
      // TerseFailure moved from kafka.tools (3.9) to org.apache.kafka.server.util (4.x): by name.
      if (e instanceof FormatterException || e.getClass().getSimpleName().equals("TerseFailure")) {
        err.println(e.getMessage());
        return 1;
      }
      throw e;
    }
  }
}
