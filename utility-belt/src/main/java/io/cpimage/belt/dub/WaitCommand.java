package io.cpimage.belt.dub;

import io.cpimage.belt.wait.Deadline;
import io.cpimage.belt.wait.TcpPort;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dub wait <host> <port> <timeout>}: waits until a TCP port accepts connections. */
@Command(
    name = "wait",
    description = "Waits until HOST accepts TCP connections on PORT, at most TIMEOUT seconds.")
final class WaitCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address.")
  private String host;

  @Parameters(index = "1", paramLabel = "PORT", description = "TCP port.")
  private int port;

  @Parameters(
      index = "2",
      paramLabel = "TIMEOUT",
      converter = Seconds.class,
      description = "Seconds to wait (fractions allowed).")
  private Duration timeout;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "PORT must be 1-65535, not " + port);
    }
    return TcpPort.awaitOpen(host, port, Deadline.after(timeout), Dub.POLL_INTERVAL)
        ? Dub.OK
        : Dub.FAILED;
  }
}
