package io.cpimage.belt.cub;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cub} tool: readiness checks and topic set-up for Confluent Platform services, with the
 * command lines of Confluent's {@code cub}. Exit codes: 0 ready, 1 not ready (the reason on
 * stderr), 2 usage error.
 */
@Command(
    name = "cub",
    description = "Confluent utility belt: waits for ZooKeeper, Kafka and HTTP services.",
    subcommands = {
      ZkReadyCommand.class,
      KafkaReadyCommand.class,
      SrReadyCommand.class,
      KrReadyCommand.class,
      ConnectReadyCommand.class,
      KsqlServerReadyCommand.class,
      ControlCenterReadyCommand.class,
      ListenersCommand.class,
      EnsureTopicCommand.class
    })
public final class Cub implements Callable<Integer> {

  private final Map<String, String> env;

  @Spec private CommandSpec spec;

  private Cub(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    int shortcut = Shortcut.run(env, out, err, args);
    if (shortcut != Shortcut.NOT_TAKEN) {
      out.flush();
      err.flush();
      return shortcut;
    }
    return parsed(env, out, err, args);
  }

  /**
   * Runs {@code args} through picocli's parser, as every call that is not a {@link Shortcut} does;
   * tests hold the shortcuts to the same results.
   */
  static int parsed(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine =
        new CommandLine(new Cub(env))
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler(
                (e, failed, parseResult) -> {
                  // A one-line reason instead of picocli's stack trace.
                  String reason = e.getMessage() != null ? e.getMessage() : e.toString();
                  failed.getErr().println(failed.getCommandName() + ": " + reason);
                  return 1;
                });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Without a command, print the help on stdout and fail, as Confluent's cub does. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 1;
  }

  /** The environment the tool runs in (tests pass their own). */
  Map<String, String> env() {
    return env;
  }
}
