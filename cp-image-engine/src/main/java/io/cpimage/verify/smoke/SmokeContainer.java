package io.cpimage.verify.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import io.cpimage.CpImageLabels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One container of a smoke test, driven through the Docker API: created from an image that must
 * already be in the engine (nothing is ever pulled), labelled {@value CpImageLabels#TESTING}{@code
 * =true} (what {@code cp-image:clean} removes), reachable on its network as its host name. Its
 * ports are not published: the smoke test checks it from inside, with {@code exec}.
 */
final class SmokeContainer implements AutoCloseable {
  private static final Duration LOG_POLL = Duration.ofMillis(500);
  private static final int STOP_SECONDS = 10;

  private final DockerClient docker;
  private final String image;
  private final String id;

  private SmokeContainer(DockerClient docker, String image, String id) {
    this.docker = docker;
    this.image = image;
    this.id = id;
  }

  /** Creates (does not start) the container; {@code host} is its host name and network alias. */
  static SmokeContainer create(
      DockerClient docker, String image, String network, String host, Map<String, String> env)
      throws SmokeException {
    try {
      String id =
          docker
              .createContainerCmd(image)
              .withLabels(Map.of(CpImageLabels.TESTING, "true"))
              .withHostName(host)
              .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
              .withAliases(host)
              .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
              .exec()
              .getId();
      return new SmokeContainer(docker, image, id);
    } catch (NotFoundException e) {
      throw new SmokeException(
          "the image "
              + image
              + " is not in the local Docker engine; the smoke test never pulls one: build or load"
              + " it first");
    } catch (DockerException e) {
      throw new SmokeException("cannot create a container of " + image + ": " + e.getMessage(), e);
    }
  }

  String image() {
    return image;
  }

  void start() throws SmokeException {
    try {
      docker.startContainerCmd(id).exec();
    } catch (DockerException e) {
      throw new SmokeException("cannot start " + image + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until a line of the container's log matches {@code line}; false when the container stops
   * first or {@code timeout} passes.
   */
  boolean awaitLogLine(Pattern line, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (logs().lines().anyMatch(l -> line.matcher(l).matches())) {
        return true;
      }
      if (!running() || Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(LOG_POLL.toMillis());
    }
  }

  boolean running() {
    InspectContainerResponse.ContainerState state =
        docker.inspectContainerCmd(id).exec().getState();
    return Boolean.TRUE.equals(state.getRunning());
  }

  /** The container's whole log, stdout and stderr. */
  String logs() throws InterruptedException {
    Output output = new Output();
    docker
        .logContainerCmd(id)
        .withStdOut(true)
        .withStdErr(true)
        .withTailAll()
        .exec(output)
        .awaitCompletion();
    return output.all();
  }

  /** Runs {@code command} in the container and waits for it to end. */
  Exec exec(String... command) throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(id)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withCmd(command)
            .exec()
            .getId();
    Output output = new Output();
    docker.execStartCmd(exec).exec(output).awaitCompletion();
    Long exitCode = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    return new Exec(exitCode == null ? -1 : exitCode.intValue(), output.stdout(), output.stderr());
  }

  /** Stops and removes the container (and its anonymous volumes); a removed one is no error. */
  @Override
  public void close() {
    try {
      docker.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
    } catch (DockerException e) {
      // Stopped already (the process exited) or gone: removal below still applies.
    }
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already removed.
    }
  }

  /** What a command run in the container printed, and its exit code. */
  record Exec(int exitCode, String stdout, String stderr) {
    String output() {
      return (stdout + stderr).strip();
    }
  }

  /** Collects a log or exec stream; the bytes are decoded at the end, never mid-character. */
  private static final class Output extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @Override
    public void onNext(Frame frame) {
      byte[] payload = frame.getPayload();
      (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(payload);
      all.writeBytes(payload);
    }

    String stdout() {
      return stdout.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
      return stderr.toString(StandardCharsets.UTF_8);
    }

    String all() {
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
