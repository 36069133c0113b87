package io.cpimage.belt.dub;

import io.cpimage.belt.wait.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dub path-wait <path> <timeout>}: waits until the path exists. */
@Command(name = "path-wait", description = "Waits until the path exists, at most TIMEOUT seconds.")
final class PathWaitCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to wait for.")
  private Path path;

  @Parameters(
      index = "1",
      paramLabel = "TIMEOUT",
      converter = Seconds.class,
      description = "Seconds to wait (fractions allowed).")
  private Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    while (!Files.exists(path)) {
      if (deadline.expired()) {
        spec.commandLine().getErr().println(path + " does not exist");
        return Dub.FAILED;
      }
      deadline.sleep(Dub.POLL_INTERVAL);
    }
    return Dub.OK;
  }
}
