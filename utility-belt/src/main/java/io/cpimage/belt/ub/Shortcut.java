package io.cpimage.belt.ub;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The verbs a boot script calls on every container start ({@code ensure}, {@code path}, {@code
 * render-template}), run without picocli when their arguments are plainly well formed: picocli's
 * model costs more than the verb (see {@code dub.Shortcut}). Anything else (an option, an {@code
 * @file}, a wrong count) goes to picocli, so usage errors read exactly as before.
 */
final class Shortcut {

  /** Returned when picocli has to decide. */
  static final int NOT_TAKEN = -1;

  private Shortcut() {}

  /** Runs {@code args} if it is a plain call of a shortcut verb; otherwise {@link #NOT_TAKEN}. */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    for (String arg : args) {
      if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
        return NOT_TAKEN;
      }
    }
    try {
      if (args.length == 2 && args[0].equals("ensure")) {
        return EnsureCommand.check(env, args[1], err);
      }
      if (args.length == 3 && args[0].equals("path")) {
        return PathCommand.check(Path.of(args[1]), args[2], err);
      }
      if (args.length == 2 && args[0].equals("render-template")) {
        return RenderTemplateCommand.render(env, Path.of(args[1]), out, err);
      }
    } catch (IOException | RuntimeException e) {
      // As picocli's execution handler in Ub reports an unexpected failure.
      err.println("Error: " + (e.getMessage() != null ? e.getMessage() : e));
      return Ub.FAILED;
    }
    return NOT_TAKEN;
  }
}
