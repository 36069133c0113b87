package io.cpimage.smoke;

import io.cpimage.belt.ready.HttpReadiness;
import io.cpimage.belt.ready.ReadinessResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ResourceReaper;

/**
 * Starts an image this project built beside a single-node KRaft broker, on a Docker network of its
 * own, and asserts that (a) its component becomes ready, (b) a Connect worker lists every declared
 * plugin class, (c) it runs as the user the image declares. Every container is labelled {@value
 * #TESTING_LABEL}{@code =true} (what {@code cp-image:clean} removes) and always stopped.
 */
public final class SmokeTest {
  static final String TESTING_LABEL = "io.cpimage.testing";
  private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";
  private static final String BROKER_HOST = "kafka";
  private static final String CONNECT_HOST = "connect";
  private static final int CONNECT_PORT = 8083;

  /**
   * A worker scans its plugins before its REST API answers, so the listing is final once (a) holds;
   * the margin only covers a slow first answer.
   */
  private static final Duration PLUGIN_LISTING_TIMEOUT = Duration.ofSeconds(15);

  private static final String SERVER_STARTED =
      ".*\\[KafkaRaftServer nodeId=\\d+\\] Kafka Server started.*\\n?";

  private final SmokeSettings settings;
  private final Consumer<String> log;

  public SmokeTest(SmokeSettings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  /** Runs the smoke test; returns normally only when every assertion held. */
  public void run() throws SmokeException {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new SmokeException(
          "no Docker engine answers: the smoke test starts the image in containers. Start Docker"
              + " (or point DOCKER_HOST at one), or leave out -Dcp-image.smoke");
    }
    ImageUnderTest image =
        ImageUnderTest.inspect(DockerClientFactory.instance().client(), settings.image());
    log.accept(
        "smoke test of "
            + image.name()
            + " (COMPONENT="
            + image.component()
            + ", user "
            + image.user()
            + ")");
    List<GenericContainer<?>> started = new ArrayList<>();
    try (Network network = Network.newNetwork()) {
      try {
        switch (image.component()) {
          case "kafka-connect" -> smokeConnect(image, network, started);
          case "kafka" -> smokeKafka(image, network, started);
          default ->
              throw new SmokeException(
                  "the image "
                      + image.name()
                      + " has COMPONENT="
                      + image.component()
                      + "; the smoke test knows kafka and kafka-connect images. Check this"
                      + " component with the cluster mode of cp-image:verify-ready instead");
        }
      } finally {
        for (int i = started.size() - 1; i >= 0; i--) {
          started.get(i).stop();
        }
      }
    } finally {
      // Testcontainers also cleans up from a JVM shutdown hook; in Maven that hook runs after the
      // plugin's class realm is closed and dies on a class it can no longer load. Cleaning up now
      // leaves it nothing new to load.
      ResourceReaper.instance().performCleanup();
    }
  }

  private void smokeConnect(
      ImageUnderTest image, Network network, List<GenericContainer<?>> started)
      throws SmokeException {
    GenericContainer<?> broker = kraftNode(settings.brokerImage(), network);
    start(broker, "the broker " + settings.brokerImage(), started);
    GenericContainer<?> worker =
        labelled(image.name(), network, CONNECT_HOST)
            .withEnv("CONNECT_BOOTSTRAP_SERVERS", BROKER_HOST + ":9092")
            .withEnv("CONNECT_GROUP_ID", "cp-image-smoke")
            .withEnv("CONNECT_CONFIG_STORAGE_TOPIC", "cp-image-smoke.config")
            .withEnv("CONNECT_OFFSET_STORAGE_TOPIC", "cp-image-smoke.offsets")
            .withEnv("CONNECT_STATUS_STORAGE_TOPIC", "cp-image-smoke.status")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .withEnv("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", CONNECT_HOST)
            .withExposedPorts(CONNECT_PORT)
            // Readiness is asserted below, with the utility belt's check and our timeout.
            .waitingFor(noWait());
    start(worker, "the image " + image.name(), started);
    String host = worker.getHost();
    int port = worker.getMappedPort(CONNECT_PORT);
    expect(
        HttpReadiness.forConnect(host, port).withTimeout(settings.timeout()).await(),
        "(a) readiness: Kafka Connect's REST API (GET /)",
        worker);
    if (!settings.pluginClasses().isEmpty()) {
      ReadinessResult listed =
          HttpReadiness.forConnectPlugins(host, port, settings.pluginClasses())
              .withTimeout(PLUGIN_LISTING_TIMEOUT)
              .await();
      if (!listed.ready()) {
        throw failure(
            "(b) connectors: GET /connector-plugins?connectorsOnly=false failed: "
                + listed.reason()
                + PluginLogLines.about(worker.getLogs(), settings.pluginClasses()),
            worker);
      }
      log.accept("  (b) the worker lists " + settings.pluginClasses());
    }
    expectDeclaredUser(image, worker);
  }

  private void smokeKafka(ImageUnderTest image, Network network, List<GenericContainer<?>> started)
      throws SmokeException {
    GenericContainer<?> broker = kraftNode(image.name(), network).waitingFor(noWait());
    start(broker, "the image " + image.name(), started);
    ExecResult ready =
        exec(
            broker,
            "cub",
            "kafka-ready",
            "1",
            Long.toString(settings.timeout().toSeconds()),
            "-b",
            BROKER_HOST + ":9092");
    if (ready.getExitCode() != 0) {
      throw failure(
          "(a) readiness: `cub kafka-ready 1 "
              + settings.timeout().toSeconds()
              + " -b "
              + BROKER_HOST
              + ":9092` in the container exited "
              + ready.getExitCode()
              + ": "
              + (ready.getStdout() + ready.getStderr()).strip(),
          broker);
    }
    log.accept("  (a) the broker is ready");
    expectDeclaredUser(image, broker);
  }

  /** A combined broker and controller, reachable as {@value #BROKER_HOST}:9092 on the network. */
  private GenericContainer<?> kraftNode(String imageName, Network network) {
    return labelled(imageName, network, BROKER_HOST)
        .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
        .withEnv("KAFKA_NODE_ID", "1")
        .withEnv("CLUSTER_ID", CLUSTER_ID)
        .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + BROKER_HOST + ":9093")
        .withEnv("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
        .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + BROKER_HOST + ":9092")
        .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
        .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
        .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .waitingFor(Wait.forLogMessage(SERVER_STARTED, 1).withStartupTimeout(settings.timeout()));
  }

  private static GenericContainer<?> labelled(String imageName, Network network, String host) {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(imageName));
    return container
        .withLabel(TESTING_LABEL, "true")
        .withNetwork(network)
        .withNetworkAliases(host)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(host))
        .withEnv("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
  }

  private void start(GenericContainer<?> container, String what, List<GenericContainer<?>> started)
      throws SmokeException {
    started.add(container);
    try {
      container.start();
    } catch (RuntimeException e) {
      throw failure(
          what
              + " did not start, or did not become ready within "
              + settings.timeout().toSeconds()
              + " s ("
              + rootMessage(e)
              + ")",
          container);
    }
  }

  private void expect(ReadinessResult result, String what, GenericContainer<?> container)
      throws SmokeException {
    if (!result.ready()) {
      throw failure(what + " failed: " + result.reason(), container);
    }
    log.accept("  " + what + ": ready after " + result.elapsed().toMillis() + " ms");
  }

  /**
   * (c) The server process (PID 1, which the image's run script replaces with the JVM) runs as the
   * declared user's uid.
   */
  private void expectDeclaredUser(ImageUnderTest image, GenericContainer<?> container)
      throws SmokeException {
    String name = image.userName();
    String expected = name.matches("\\d+") ? name : output(container, "id", "-u", name);
    String actual = output(container, "awk", "/^Uid:/ { print $2 }", "/proc/1/status");
    if (!expected.equals(actual)) {
      throw failure(
          "(c) user: the container's main process runs as uid "
              + actual
              + ", but the image declares the user "
              + image.user()
              + " (uid "
              + expected
              + ")",
          container);
    }
    log.accept("  (c) runs as " + image.user() + " (uid " + actual + ")");
  }

  private String output(GenericContainer<?> container, String... command) throws SmokeException {
    ExecResult result = exec(container, command);
    if (result.getExitCode() != 0) {
      throw failure(
          "`"
              + String.join(" ", command)
              + "` in the container exited "
              + result.getExitCode()
              + ": "
              + result.getStderr().strip(),
          container);
    }
    return result.getStdout().strip();
  }

  private ExecResult exec(GenericContainer<?> container, String... command) throws SmokeException {
    try {
      return container.execInContainer(command);
    } catch (IOException e) {
      throw failure(
          "cannot run `" + String.join(" ", command) + "` in the container: " + e, container);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmokeException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** The failure, with the last lines of the container's log, which usually say why. */
  private SmokeException failure(String what, GenericContainer<?> container) {
    String logs;
    try {
      List<String> lines = container.getLogs().lines().toList();
      logs =
          String.join(
              "\n", lines.subList(Math.max(0, lines.size() - settings.logLines()), lines.size()));
    } catch (RuntimeException e) {
      logs = "(no log: " + rootMessage(e) + ")";
    }
    return new SmokeException(
        what
            + "\nLast "
            + settings.logLines()
            + " log lines of "
            + container.getDockerImageName()
            + ":\n"
            + logs);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Returns at once: the smoke test asserts readiness itself. */
  private static AbstractWaitStrategy noWait() {
    return new AbstractWaitStrategy() {
      @Override
      protected void waitUntilReady() {}
    };
  }
}
