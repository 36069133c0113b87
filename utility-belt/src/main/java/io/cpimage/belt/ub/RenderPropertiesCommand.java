package io.cpimage.belt.ub;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ub render-properties <spec.json>}: properties from the environment, sorted, to stdout. */
@Command(
    name = "render-properties",
    description = "Prints key=value lines made from the environment as a JSON spec says.")
final class RenderPropertiesCommand implements Callable<Integer> {

  @ParentCommand private Ub ub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The JSON spec file.")
  private Path file;

  @Override
  public Integer call() throws IOException {
    PropertiesSpec properties;
    try {
      properties = PropertiesSpec.read(file);
    } catch (NoSuchFileException e) {
      spec.commandLine().getErr().println("Error: " + file + ": spec not found");
      return Ub.FAILED;
    } catch (PropertiesSpec.InvalidSpecException e) {
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      return Ub.FAILED;
    }
    PrintWriter out = spec.commandLine().getOut();
    properties.properties(ub.env()).forEach((key, value) -> out.print(key + "=" + value + "\n"));
    return Ub.OK;
  }
}
