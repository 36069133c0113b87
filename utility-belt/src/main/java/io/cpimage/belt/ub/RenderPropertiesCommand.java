package io.cpimage.belt.ub;

import io.cpimage.belt.settings.BootCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ub render-properties <spec.json>}: properties from the environment, sorted, to stdout. The
 * variables mapped to Kafka settings go through the image's settings check first, as {@code dub
 * template}'s do; with {@code CP_STRICT_SETTINGS=true} a finding prints nothing and exits 1.
 */
@Command(
    name = "render-properties",
    description = "Prints key=value lines made from the environment as a JSON spec says.")
final class RenderPropertiesCommand implements Callable<Integer> {

  /** Names the step in a boot log, as dub template's settings findings do. */
  private static final String MESSAGE_PREFIX = "ub render-properties: ";

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
    Map<String, String> env = ub.env();
    if (!BootCheck.passes(
        env, properties.settingsMappings(env), spec.commandLine().getErr(), MESSAGE_PREFIX)) {
      return Ub.FAILED;
    }
    PrintWriter out = spec.commandLine().getOut();
    properties.properties(env).forEach((key, value) -> out.print(key + "=" + value + "\n"));
    return Ub.OK;
  }
}
