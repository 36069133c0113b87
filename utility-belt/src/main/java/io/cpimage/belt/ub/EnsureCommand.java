package io.cpimage.belt.ub;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ub ensure <VAR>}: the variable must be defined; unlike dub's, an empty value counts
 * (Confluent's 8.x images rely on it: their Dockerfile defines an empty {@code CLUSTER_ID}).
 */
@Command(name = "ensure", description = "Fails unless the environment variable is defined.")
final class EnsureCommand implements Callable<Integer> {

  @ParentCommand private Ub ub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VAR", description = "Name of an environment variable.")
  private String name;

  @Override
  public Integer call() {
    return check(ub.env(), name, spec.commandLine().getErr());
  }

  /** Defined is enough, as in Confluent's ub: an empty value passes. */
  static int check(Map<String, String> env, String name, PrintWriter err) {
    if (env.containsKey(name)) {
      return Ub.OK;
    }
    err.println("Error: " + name + " is required.");
    return Ub.FAILED;
  }
}
