package io.cpimage.baseimages;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.cpimage.CpImageLabels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** A container run to completion, like {@code docker run --rm}: its exit code and output. */
public final class OneShot {
  private final String image;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, Transferable> files = new LinkedHashMap<>();
  private final Map<String, String> extraHosts = new LinkedHashMap<>();
  private String[] command;
  private Network network;
  private String hostName;

  private OneShot(String image) {
    this.image = image;
  }

  public static OneShot of(Images image, Line line) {
    return new OneShot(line.reference(image));
  }

  /** A run of an image that is already in the Docker engine; it is never pulled. */
  public static OneShot of(String reference) {
    return new OneShot(reference);
  }

  public OneShot env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public OneShot env(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  /** A file, readable by everyone, put into the container before it starts. */
  public OneShot file(String path, String content) {
    files.put(path, Transferable.of(content, 0644));
    return this;
  }

  /** A script, executable by everyone, put into the container before it starts. */
  public OneShot executable(String path, String content) {
    files.put(path, Transferable.of(content, 0755));
    return this;
  }

  /**
   * An {@code /etc/hosts} entry, as {@code docker run --add-host}; {@code "host-gateway"} is the
   * Docker host, to reach a server of the test JVM.
   */
  public OneShot extraHost(String hostName, String address) {
    extraHosts.put(hostName, address);
    return this;
  }

  /** Joins the network as {@code hostName}, to reach (or wait for) services on it. */
  public OneShot on(Network network, String hostName) {
    this.network = network;
    this.hostName = hostName;
    return this;
  }

  /** Replaces the image's command (default: {@code /etc/confluent/docker/run}). */
  public OneShot command(String... command) {
    this.command = command;
    return this;
  }

  /** Runs a bash command line instead of the image's command. */
  public OneShot bash(String commandLine) {
    return command("bash", "-c", commandLine);
  }

  public Result run() {
    try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))) {
      container.withLabel(CpImageLabels.TESTING, "true").withEnv(env);
      container.withStartupCheckStrategy(new UntilExited(Duration.ofSeconds(90)));
      files.forEach((path, content) -> container.withCopyToContainer(content, path));
      extraHosts.forEach(container::withExtraHost);
      if (command != null) {
        container.withCommand(command);
      }
      if (network != null) {
        container.withNetwork(network).withNetworkAliases(hostName);
      }
      container.start();
      InspectContainerResponse.ContainerState state =
          container.getCurrentContainerInfo().getState();
      return new Result(state.getExitCodeLong().intValue(), container.getLogs());
    }
  }

  /** Exit code and the container's stdout and stderr, interleaved. */
  public record Result(int exitCode, String output) {}

  /** Started means exited, whatever the exit code: failing is what several scenarios expect. */
  private static final class UntilExited extends StartupCheckStrategy {
    UntilExited(Duration timeout) {
      withTimeout(timeout);
    }

    @Override
    public StartupStatus checkStartupState(DockerClient client, String containerId) {
      InspectContainerResponse.ContainerState state = getCurrentState(client, containerId);
      return Boolean.TRUE.equals(state.getRunning())
          ? StartupStatus.NOT_YET_KNOWN
          : StartupStatus.SUCCESSFUL;
    }
  }
}
