package io.cpimage.belt.ub;

import io.cpimage.belt.wait.Deadline;
import io.cpimage.belt.wait.TcpPort;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ub wait <host> <port> <timeout>}: waits until a TCP port accepts connections. */
@Command(
    name = "wait",
    description = "Waits until HOST accepts TCP connections on PORT, at most TIMEOUT seconds.")
final class WaitCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address.")
  private String host;

  @Parameters(index = "1", paramLabel = "PORT", description = "TCP port, 1-65535.")
  private int port;

  @Parameters(index = "2", paramLabel = "TIMEOUT", description = "Whole seconds to wait.")
  private int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535 || timeoutSeconds < 0) {
      spec.commandLine()
          .getErr()
          .println(
              "Error: PORT must be 1-65535 and TIMEOUT 0 or more, not "
                  + port
                  + " and "
                  + timeoutSeconds
                  + ".");
      return Ub.FAILED;
    }
    Deadline deadline = Deadline.after(Duration.ofSeconds(timeoutSeconds));
    if (TcpPort.awaitOpen(host, port, deadline, Deadline.RETRY_PAUSE)) {
      return Ub.OK;
    }
    spec.commandLine()
        .getErr()
        .println(
            "Error: "
                + host
                + ":"
                + port
                + " did not accept a connection in "
                + timeoutSeconds
                + " s.");
    return Ub.FAILED;
  }
}
