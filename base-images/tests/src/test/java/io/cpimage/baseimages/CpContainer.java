package io.cpimage.baseimages;

import com.github.dockerjava.api.exception.NotFoundException;
import io.cpimage.CpImageLabels;
import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A container of one of our images (or of an image extending them), labelled for clean-up, with a
 * small heap, on a test network under a host name.
 */
public final class CpContainer extends GenericContainer<CpContainer> {
  private CpContainer(String reference) {
    super(DockerImageName.parse(reference));
    withLabel(CpImageLabels.TESTING, "true");
    withEnv("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
  }

  public static CpContainer of(Images image, Line line) {
    return new CpContainer(line.reference(image));
  }

  /** Whether the Docker engine holds the image (tests never pull one). */
  public static boolean isInEngine(String reference) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** A container of an image that is already in the Docker engine; it is never pulled. */
  public static CpContainer of(String reference) {
    return new CpContainer(reference);
  }

  /**
   * A KRaft broker and controller in one process, of cp-kafka or an image extending it: {@code
   * host}:9092 for clients on the network.
   */
  public static CpContainer kraftNode(String reference, Network network, String host) {
    return of(reference).on(network, host).asKRaftNode("0.0.0.0", host, 9092, 9093);
  }

  /**
   * Configures the {@link SingleNodeKRaft} test broker, which smoke mode also runs: listeners bound
   * to {@code bindHost}, clients and the controller quorum at {@code host}; waits for the server's
   * started line.
   */
  public CpContainer asKRaftNode(String bindHost, String host, int brokerPort, int controllerPort) {
    return withEnv(SingleNodeKRaft.environment(bindHost, host, brokerPort, controllerPort))
        .waitingForLog(SingleNodeKRaft.SERVER_STARTED, Duration.ofSeconds(120));
  }

  /** Joins the network as {@code hostName}, which is also the container's host name. */
  public CpContainer on(Network network, String hostName) {
    return withNetwork(network)
        .withNetworkAliases(hostName)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(hostName));
  }

  /** Runs as this uid (group 0, as Docker does for a uid without a passwd entry). */
  public CpContainer asUser(String uid) {
    return withCreateContainerCmdModifier(cmd -> cmd.withUser(uid));
  }

  /**
   * Waits up to {@code timeout} for a line of the container's output that matches {@code regex}.
   */
  public CpContainer waitingForLog(String regex, Duration timeout) {
    return waitingFor(
        org.testcontainers.containers.wait.strategy.Wait.forLogMessage(regex + "\\n?", 1)
            .withStartupTimeout(timeout));
  }

  /** Where the running container has volumes mounted. */
  public List<String> volumes() {
    return getCurrentContainerInfo().getMounts().stream()
        .map(mount -> mount.getDestination().getPath())
        .toList();
  }

  /** Runs a command inside the running container. */
  public ExecResult run(String... command) {
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
  public ExecResult bash(String commandLine) {
    return run("bash", "-c", commandLine);
  }
}
