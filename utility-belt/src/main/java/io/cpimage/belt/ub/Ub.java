package io.cpimage.belt.ub;

import io.cpimage.belt.cub.Cub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ub} tool: the verbs and arguments of Confluent's Go {@code ub} (CP 8.1+), so boot
 * scripts written for Confluent's 8.x images run unchanged. The readiness verbs and {@code
 * listeners} are cub's, run with ub's arguments. Exit codes as ub's: 0 success, 1 anything else (a
 * failed check or a usage error), with {@code Error: <reason>} on stderr.
 */
@Command(
    name = "ub",
    description = "Utility belt for Confluent Platform 8.x boot scripts.",
    subcommands = {
      EnsureCommand.class,
      PathCommand.class,
      RenderTemplateCommand.class,
      RenderPropertiesCommand.class,
      WaitCommand.class,
      HttpReadyCommand.class
    },
    footer = {
      "Also: kafka-ready, sr-ready, kr-ready, connect-ready, ksql-server-ready,",
      "control-center-ready, listeners (as in cub; see cub --help)."
    })
public final class Ub implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;

  /** Verbs whose behaviour is cub's: ub runs cub with the same arguments. */
  private static final Set<String> CUB_VERBS =
      Set.of(
          "kafka-ready",
          "sr-ready",
          "kr-ready",
          "connect-ready",
          "ksql-server-ready",
          "control-center-ready",
          "listeners");

  /** kr-ready's options that ub accepts and ignores (Confluent's ub does not use them either). */
  private static final Set<String> KR_READY_UNUSED = Set.of("-b", "-c", "-s");

  private final Map<String, String> env;

  @Spec private CommandSpec spec;

  private Ub(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Runs {@code ub <args>} and returns its exit code. */
  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    int code = Shortcut.run(env, out, err, args);
    if (code == Shortcut.NOT_TAKEN) {
      code =
          args.length > 0 && CUB_VERBS.contains(args[0])
              ? runAsCub(env, out, err, args)
              : parseAndRun(env, out, err, args);
    }
    out.flush();
    err.flush();
    return code;
  }

  private static int parseAndRun(
      Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) {
    CommandLine commandLine =
        new CommandLine(new Ub(env))
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(
                (exception, arguments) -> {
                  CommandLine failed = exception.getCommandLine();
                  failed.getErr().println("Error: " + exception.getMessage());
                  failed.usage(failed.getErr());
                  return FAILED;
                })
            .setExecutionExceptionHandler(
                (exception, failed, parseResult) -> {
                  String reason = exception.getMessage();
                  failed.getErr().println("Error: " + (reason != null ? reason : exception));
                  return FAILED;
                });
    return commandLine.execute(args);
  }

  /** cub's verb with ub's exit codes: cub's usage error (2) is ub's failure (1). */
  private static int runAsCub(
      Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) {
    List<String> cubArgs = new ArrayList<>(Arrays.asList(args));
    if (args[0].equals("kr-ready")) {
      for (int i = 1; i < cubArgs.size() - 1; i++) {
        if (KR_READY_UNUSED.contains(cubArgs.get(i))) {
          cubArgs.subList(i, i + 2).clear();
          i--;
        }
      }
    }
    StringWriter cubErr = new StringWriter();
    int code;
    try (PrintWriter captured = new PrintWriter(cubErr)) {
      code = Cub.execute(env, out, captured, cubArgs.toArray(String[]::new));
    }
    String reason = cubErr.toString();
    if (!reason.isEmpty()) {
      err.print(code == OK ? reason : "Error: " + reason);
    }
    return code == OK ? OK : FAILED;
  }

  /** Without a verb: nothing printed, exit 0, as Confluent's ub. */
  @Override
  public Integer call() {
    return OK;
  }

  Map<String, String> env() {
    return env;
  }
}
