package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    description = "Docker Utility Belt: checks and templates for container boot scripts.",
    footer = {
      "Commands may be chained in one call, separated by a quoted ';', as 'dub A && dub B' would",
      "run them: dub ensure X ';' template IN OUT"
    })
public final class Dub implements Callable<Integer> {

  /** The verbs, in the order the usage lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          TemplateCommand.class,
          EnsureCommand.class,
          EnsureAtLeastOneCommand.class,
          WaitCommand.class,
          PathCommand.class,
          PathWaitCommand.class,
          HttpReadyCommand.class);

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** How often {@code wait} and {@code path-wait} try again. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Map<String, String> env;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean help;

  private Dub(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Runs {@code dub <args>} and returns its exit code. Commands chained with {@code ';'} ({@link
   * CommandChain}) run one after the other until one fails; its message, FAILED line and exit code
   * are those it has alone.
   */
  public static int execute(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    if (!CommandChain.isChain(args)) {
      return executeOne(env, out, err, args);
    }
    List<String[]> commands;
    try {
      commands = CommandChain.split(args);
    } catch (IllegalArgumentException e) {
      err.println("dub: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    int code = OK;
    for (String[] command : commands) {
      code = executeOne(env, out, err, command);
      if (code != OK) {
        break;
      }
    }
    return code;
  }

  private static int executeOne(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    int code = Shortcut.run(env, err, args);
    if (code == Shortcut.NOT_TAKEN) {
      code = parseAndRun(env, out, err, args);
    }
    if (code == FAILED) {
      err.println("Command [dub " + String.join(" ", args) + "] FAILED !");
    }
    err.flush();
    out.flush();
    return code;
  }

  private static int parseAndRun(
      Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Dub(env));
    addCommands(commandLine, args.length > 0 ? args[0] : "");
    commandLine
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(
            (exception, failedCommand, parseResult) -> {
              // An unexpected failure: its message (or its type) on stderr, then the FAILED line.
              String message = exception.getMessage();
              failedCommand.getErr().println(message != null ? message : exception.toString());
              return FAILED;
            });
    return commandLine.execute(args);
  }

  /**
   * Registers only the verb being run when it is known, all verbs otherwise (for usage and help).
   * Building picocli's model of one verb instead of seven is a visible part of dub's start-up.
   */
  private static void addCommands(CommandLine commandLine, String verb) {
    for (Class<?> command : COMMANDS) {
      if (command.getAnnotation(Command.class).name().equals(verb)) {
        commandLine.addSubcommand(command);
        return;
      }
    }
    COMMANDS.forEach(commandLine::addSubcommand);
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
