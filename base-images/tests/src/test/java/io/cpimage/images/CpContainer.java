package io.cpimage.images;

import java.io.IOException;
import java.time.Duration;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A container of one of our images, labelled for clean-up, with a small heap, on a test network
 * under a host name.
 */
final class CpContainer extends GenericContainer<CpContainer> {
  static final String TESTING_LABEL = "io.cpimage.testing";

  private CpContainer(Images image) {
    super(DockerImageName.parse(image.reference()));
    withLabel(TESTING_LABEL, "true");
    withEnv("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
  }

  static CpContainer of(Images image) {
    return new CpContainer(image);
  }

  /** Joins the network as {@code hostName}, which is also the container's host name. */
  CpContainer on(Network network, String hostName) {
    return withNetwork(network)
        .withNetworkAliases(hostName)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(hostName));
  }

  /** Runs as this uid (group 0, as Docker does for a uid without a passwd entry). */
  CpContainer asUser(String uid) {
    return withCreateContainerCmdModifier(cmd -> cmd.withUser(uid));
  }

  /**
   * Waits up to {@code timeout} for a line of the container's output that matches {@code regex}.
   */
  CpContainer waitingForLog(String regex, Duration timeout) {
    return waitingFor(
        org.testcontainers.containers.wait.strategy.Wait.forLogMessage(regex + "\\n?", 1)
            .withStartupTimeout(timeout));
  }

  /** Runs a command inside the running container. */
  ExecResult run(String... command) {
    try {
      return execInContainer(command);
    } catch (IOException e) {
      throw new IllegalStateException("docker exec " + String.join(" ", command) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs a bash command line inside the running container. */
  ExecResult bash(String commandLine) {
    return run("bash", "-c", commandLine);
  }
}
