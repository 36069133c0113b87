package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code dub} tool (Docker Utility Belt): checks and template rendering for image boot scripts,
 * with the arguments of Confluent's Python dub.
 *
 * <p>Exit codes: 0 success, 1 failed check (diagnostic, then Confluent's {@code Command [...]
 * FAILED !} line on stderr), 2 usage error.
 */
@Command(
    name = "dub",
    mixinStandardHelpOptions = true,
    description = "Docker Utility Belt: checks and templates for container boot scripts.",
    subcommands = {
      TemplateCommand.class,
      EnsureCommand.class,
      EnsureAtLeastOneCommand.class,
      WaitCommand.class,
      PathCommand.class,
      PathWaitCommand.class,
      HttpReadyCommand.class
    })
public final class Dub implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final Map<String, String> env;

  @Spec private CommandSpec spec;

  private Dub(Map<String, String> env) {
    this.env = env;
  }

  /** Runs {@code dub <args>} and returns its exit code. */
  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine =
        new CommandLine(new Dub(env))
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler(
                (exception, failedCommand, parseResult) -> {
                  failedCommand.getErr().println(exception.getMessage());
                  return FAILED;
                });
    int code = commandLine.execute(args);
    if (code == FAILED) {
      err.println("Command [dub " + String.join(" ", args) + "] FAILED !");
    }
    err.flush();
    out.flush();
    return code;
  }

  /** Without a command: the usage on stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  Map<String, String> env() {
    return env;
  }
}
