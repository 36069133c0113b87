package io.cpimage.belt.dub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dub path <path> writable|readable|executable|exists}. */
@Command(
    name = "path",
    description = "Fails unless the path has the given property for the current user.")
final class PathCommand implements Callable<Integer> {

  /** The checks, named as Confluent's dub names them; access is checked for the current user. */
  enum Mode {
    writable(Files::isWritable),
    readable(Files::isReadable),
    executable(Files::isExecutable),
    exists(Files::exists);

    private final Predicate<Path> check;

    Mode(Predicate<Path> check) {
      this.check = check;
    }
  }

  @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to check.")
  private Path path;

  @Parameters(index = "1", paramLabel = "MODE", description = "One of: ${COMPLETION-CANDIDATES}.")
  private Mode mode;

  @Override
  public Integer call() {
    return mode.check.test(path) ? Dub.OK : Dub.FAILED;
  }
}
