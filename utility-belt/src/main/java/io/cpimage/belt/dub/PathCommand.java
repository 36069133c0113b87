package io.cpimage.belt.dub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dub path <path> writable|readable|executable|exists}. */
@Command(
    name = "path",
    description = "Fails unless the path has the given property for the current user.")
final class PathCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to check.")
  private Path path;

  @Parameters(index = "1", paramLabel = "MODE", description = "One of: ${COMPLETION-CANDIDATES}.")
  private PathProperty mode;

  @Override
  public Integer call() {
    return mode.test(path) ? Dub.OK : Dub.FAILED;
  }
}
