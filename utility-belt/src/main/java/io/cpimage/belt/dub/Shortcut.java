package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The verbs a boot script calls on every container start ({@code ensure}, {@code path}, {@code
 * template}), run without picocli when their arguments are plainly well formed. Building picocli's
 * model costs more than the verb itself: its classes are Java 5 class files, which neither AppCDS
 * on JDK 17's dynamic path nor JDK 25's AOT cache can hold, so each run loads and verifies them
 * anew. Anything else (an option, an {@code @file}, a wrong count, an unknown mode) goes to
 * picocli, so usage errors and help read exactly as before.
 */
final class Shortcut {

  /** Returned when picocli has to decide. */
  static final int NOT_TAKEN = -1;

  private Shortcut() {}

  /** Runs {@code args} if it is a plain call of a shortcut verb; otherwise {@link #NOT_TAKEN}. */
  static int run(Map<String, String> env, PrintWriter err, String... args) {
    if (args.length < 2 || !plain(args)) {
      return NOT_TAKEN;
    }
    try {
      return runVerb(env, err, args[0], Arrays.asList(args).subList(1, args.length));
    } catch (RuntimeException e) {
      // As picocli's execution handler in Dub reports an unexpected failure.
      err.println(e.getMessage() != null ? e.getMessage() : e.toString());
      return Dub.FAILED;
    }
  }

  private static int runVerb(
      Map<String, String> env, PrintWriter err, String verb, List<String> operands) {
    switch (verb) {
      case "ensure":
        return EnsureCommand.check(env, operands, err);
      case "path":
        return operands.size() == 2 && isMode(operands.get(1))
            ? (PathProperty.valueOf(operands.get(1)).test(Path.of(operands.get(0)))
                ? Dub.OK
                : Dub.FAILED)
            : NOT_TAKEN;
      case "template":
        if (operands.size() % 2 != 0) {
          return NOT_TAKEN;
        }
        List<Path> files = new ArrayList<>();
        operands.forEach(file -> files.add(Path.of(file)));
        return TemplateCommand.render(env, files, err);
      default:
        return NOT_TAKEN;
    }
  }

  /** No argument picocli would read as an option or an argument file. */
  private static boolean plain(String[] args) {
    for (String arg : args) {
      if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMode(String mode) {
    for (PathProperty property : PathProperty.values()) {
      if (property.name().equals(mode)) {
        return true;
      }
    }
    return false;
  }
}
