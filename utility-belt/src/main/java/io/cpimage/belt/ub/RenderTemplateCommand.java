package io.cpimage.belt.ub;

import io.cpimage.belt.gotemplate.GoTemplate;
import io.cpimage.belt.gotemplate.GoTemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code ub render-template <file>}: renders a Go template with the environment as dot and ub's
 * functions, to stdout. Unlike Confluent's ub, which streams and leaves partial output behind on an
 * error, the output is printed only when the whole template rendered, so {@code ub render-template
 * t > file} never writes half a file's worth of configuration with exit 0 expected by nobody.
 */
@Command(
    name = "render-template",
    description = "Renders a Go template with the environment as data, to stdout.")
final class RenderTemplateCommand implements Callable<Integer> {

  @ParentCommand private Ub ub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The Go template.")
  private Path file;

  @Override
  public Integer call() throws IOException {
    return render(ub.env(), file, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Renders {@code file} with {@code env} to {@code out}, all or nothing. */
  static int render(Map<String, String> env, Path file, PrintWriter out, PrintWriter err)
      throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("Error: " + file + ": template not found");
      return Ub.FAILED;
    }
    try {
      String output =
          GoTemplate.parse(file.toString(), text, TemplateFunctions.over(env)).execute(env);
      out.print(output);
      return Ub.OK;
    } catch (GoTemplateException e) {
      err.println("Error: " + e.getMessage());
      return Ub.FAILED;
    }
  }
}
