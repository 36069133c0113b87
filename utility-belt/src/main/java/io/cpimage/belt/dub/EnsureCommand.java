package io.cpimage.belt.dub;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dub ensure <VAR>}: the variable must be set and non-empty. */
@Command(
    name = "ensure",
    description = "Fails unless the environment variable is set and non-empty.")
final class EnsureCommand implements Callable<Integer> {

  @ParentCommand private Dub dub;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "VAR", description = "Name of the environment variable.")
  private String name;

  @Override
  public Integer call() {
    String value = dub.env().get(name);
    if (value == null || value.isEmpty()) {
      spec.commandLine().getErr().println(name + " is required.");
      return Dub.FAILED;
    }
    return Dub.OK;
  }
}
