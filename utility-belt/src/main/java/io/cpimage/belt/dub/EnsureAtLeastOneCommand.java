package io.cpimage.belt.dub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dub ensure-atleast-one <VAR>...}: at least one of the variables is set and non-empty. */
@Command(
    name = "ensure-atleast-one",
    description = "Fails unless at least one of the environment variables is set and non-empty.")
final class EnsureAtLeastOneCommand implements Callable<Integer> {

  @ParentCommand private Dub dub;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "VAR", arity = "0..*", description = "Names of environment variables.")
  private List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    for (String name : names) {
      String value = dub.env().get(name);
      if (value != null && !value.isEmpty()) {
        return Dub.OK;
      }
    }
    spec.commandLine().getErr().println("one of (" + String.join(",", names) + ") is required.");
    return Dub.FAILED;
  }
}
