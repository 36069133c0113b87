package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dub ensure <VAR>...}: every variable must be set and non-empty. Confluent's takes one
 * name; several in one call spare a boot script a JVM start per variable, and every missing one is
 * named, not only the first.
 */
@Command(
    name = "ensure",
    description = "Fails unless every environment variable is set and non-empty.")
final class EnsureCommand implements Callable<Integer> {

  @ParentCommand private Dub dub;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "VAR", arity = "1..*", description = "Names of environment variables.")
  private List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    return check(dub.env(), names, spec.commandLine().getErr());
  }

  /** Names every variable of {@code names} that is unset or empty in {@code env}. */
  static int check(Map<String, String> env, List<String> names, PrintWriter err) {
    int result = Dub.OK;
    for (String name : names) {
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        err.println(name + " is required.");
        result = Dub.FAILED;
      }
    }
    return result;
  }
}
