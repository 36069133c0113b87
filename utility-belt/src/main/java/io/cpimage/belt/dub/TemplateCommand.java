package io.cpimage.belt.dub;

import io.cpimage.belt.settings.BootCheck;
import io.cpimage.belt.template.AtomicFileWriter;
import io.cpimage.belt.template.TemplateException;
import io.cpimage.belt.template.TemplateRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dub template <input> <output> [<input> <output>]...}: renders Jinja2 templates with the
 * environment. All templates are rendered before any output is written, and each output is replaced
 * atomically, so a failing template leaves every output as it was.
 */
@Command(
    name = "template",
    description = {
      "Renders each INPUT template to its OUTPUT file.",
      "Several INPUT OUTPUT pairs may be given; nothing is written unless all render."
    })
final class TemplateCommand implements Callable<Integer> {

  /** Says which step failed when a boot script's log interleaves several. */
  static final String ERROR_PREFIX = "dub template: ";

  @ParentCommand private Dub dub;
  @Spec private CommandSpec spec;

  @Parameters(
      arity = "2..*",
      paramLabel = "INPUT OUTPUT",
      description = "Template file, then the file to write; relative paths are from the CWD.")
  private List<Path> files;

  @Override
  public Integer call() {
    if (files.size() % 2 != 0) {
      throw new ParameterException(
          spec.commandLine(),
          "expected INPUT OUTPUT pairs, but " + files.get(files.size() - 1) + " has no OUTPUT");
    }
    return render(dub.env(), files, spec.commandLine().getErr());
  }

  /**
   * Renders every input of {@code files} (input, output, input, output, ...) with {@code env}, then
   * writes the outputs; a failure is reported on {@code err} and leaves every output as it was.
   */
  static int render(Map<String, String> env, List<Path> files, PrintWriter err) {
    TemplateRenderer renderer = TemplateRenderer.forEnvironment(env);
    List<String> rendered = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i += 2) {
        rendered.add(renderer.render(files.get(i)));
      }
    } catch (TemplateException e) {
      err.println(ERROR_PREFIX + e.getMessage());
      return Dub.FAILED;
    }
    if (!BootCheck.passes(env, renderer.envToPropsCalls(), err, ERROR_PREFIX)) {
      return Dub.FAILED;
    }
    for (int i = 0; i < files.size(); i += 2) {
      Path output = files.get(i + 1);
      try {
        AtomicFileWriter.write(output, rendered.get(i / 2));
      } catch (IOException e) {
        err.println(ERROR_PREFIX + output + ": cannot write the rendered template: " + e);
        return Dub.FAILED;
      }
    }
    return Dub.OK;
  }
}
