package io.cpimage.verify.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.cpimage.CpImageLabels;
import io.cpimage.belt.ready.ConnectPluginListing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Starts an image this project built beside a single-node KRaft broker, on a Docker network of its
 * own, and asserts that (a) its component becomes ready, (b) a Connect worker lists every declared
 * plugin class, (c) it runs as the user the image declares. Every container is labelled {@value
 * CpImageLabels#TESTING}{@code =true} (what {@code cp-image:clean} removes) and always removed,
 * with the network.
 *
 * <p>Each check runs inside a container ({@code cub}, {@code curl}), so no port is published and
 * the Docker host's address never matters; nothing is pulled (see {@link DockerEngine}).
 */
public final class SmokeRunner {
  private static final String BROKER_HOST = "kafka";
  private static final String CONNECT_HOST = "connect";
  private static final int CONNECT_PORT = 8083;

  /**
   * A worker scans its plugins before its REST API answers, so the listing is final once (a) holds;
   * the margin only covers a slow first answer.
   */
  private static final Duration PLUGIN_LISTING_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration PLUGIN_LISTING_RETRY = Duration.ofSeconds(1);

  private static final Pattern SERVER_STARTED = Pattern.compile(SingleNodeKRaft.SERVER_STARTED);

  private final SmokeSettings settings;
  private final Consumer<String> log;

  public SmokeRunner(SmokeSettings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  /** Runs the smoke test; returns normally only when every assertion held. */
  public void run() throws SmokeException {
    DockerClient docker = DockerEngine.connect();
    InspectedImage image = InspectedImage.inspect(docker, settings.image());
    log.accept(
        "smoke test of "
            + image.name()
            + " (COMPONENT="
            + image.component()
            + ", user "
            + image.user()
            + ")");
    String network = "cp-image-smoke-" + UUID.randomUUID();
    String networkId;
    try {
      networkId =
          docker
              .createNetworkCmd()
              .withName(network)
              .withLabels(Map.of(CpImageLabels.TESTING, "true"))
              .exec()
              .getId();
    } catch (DockerException e) {
      throw new SmokeException("cannot create the Docker network " + network + ": " + e, e);
    }
    List<SmokeContainer> created = new ArrayList<>();
    try {
      switch (image.component()) {
        case "kafka-connect" -> smokeConnect(docker, image, network, created);
        case "kafka" -> smokeKafka(docker, image, network, created);
        default ->
            throw new SmokeException(
                "the image "
                    + image.name()
                    + " has COMPONENT="
                    + image.component()
                    + "; the smoke test knows kafka and kafka-connect images. Check this"
                    + " component with the cluster mode of cp-image:verify-ready instead");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmokeException("interrupted during the smoke test of " + image.name(), e);
    } finally {
      for (int i = created.size() - 1; i >= 0; i--) {
        created.get(i).close();
      }
      docker.removeNetworkCmd(networkId).exec();
    }
  }

  private void smokeConnect(
      DockerClient docker, InspectedImage image, String network, List<SmokeContainer> created)
      throws SmokeException, InterruptedException {
    SmokeContainer broker = kraftNode(docker, settings.brokerImage(), network, created);
    awaitServerStarted(broker, "the broker " + broker.image());
    Map<String, String> env = heap();
    env.put("CONNECT_BOOTSTRAP_SERVERS", BROKER_HOST + ":9092");
    env.put("CONNECT_GROUP_ID", "cp-image-smoke");
    env.put("CONNECT_CONFIG_STORAGE_TOPIC", "cp-image-smoke.config");
    env.put("CONNECT_OFFSET_STORAGE_TOPIC", "cp-image-smoke.offsets");
    env.put("CONNECT_STATUS_STORAGE_TOPIC", "cp-image-smoke.status");
    env.put("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter");
    env.put("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter");
    env.put("CONNECT_REST_ADVERTISED_HOST_NAME", CONNECT_HOST);
    SmokeContainer worker = start(docker, image.name(), network, CONNECT_HOST, env, created);

    String what = "(a) readiness: Kafka Connect's REST API (GET /)";
    Instant begin = Instant.now();
    SmokeContainer.Exec ready =
        worker.exec(
            "cub",
            "connect-ready",
            CONNECT_HOST,
            Integer.toString(CONNECT_PORT),
            Long.toString(settings.timeout().toSeconds()));
    if (ready.exitCode() != 0) {
      throw failure(
          what + " failed: `cub connect-ready` in the container said: " + ready.output(), worker);
    }
    log.accept(
        "  " + what + ": ready after " + Duration.between(begin, Instant.now()).toMillis() + " ms");
    if (!settings.pluginClasses().isEmpty()) {
      String problem = pluginListingProblem(worker);
      if (problem != null) {
        throw failure(
            "(b) connectors: GET /connector-plugins?connectorsOnly=false failed: "
                + problem
                + PluginLogLines.about(worker.logs(), settings.pluginClasses()),
            worker);
      }
      log.accept("  (b) the worker lists " + settings.pluginClasses());
    }
    expectDeclaredUser(image, worker);
  }

  /**
   * Asks the worker for its plugins from inside its container, until it lists every declared class
   * or {@link #PLUGIN_LISTING_TIMEOUT} passes: null when listed, else why not.
   */
  private String pluginListingProblem(SmokeContainer worker) throws InterruptedException {
    String url =
        "http://" + CONNECT_HOST + ":" + CONNECT_PORT + "/connector-plugins?connectorsOnly=false";
    Instant deadline = Instant.now().plus(PLUGIN_LISTING_TIMEOUT);
    while (true) {
      SmokeContainer.Exec answer =
          worker.exec("curl", "--silent", "--show-error", "--fail", "--max-time", "10", url);
      String problem =
          answer.exitCode() == 0
              ? ConnectPluginListing.problemWith(answer.stdout(), settings.pluginClasses())
              : "`curl "
                  + url
                  + "` in the container exited "
                  + answer.exitCode()
                  + ": "
                  + answer.output();
      if (problem == null || Instant.now().isAfter(deadline)) {
        return problem;
      }
      Thread.sleep(PLUGIN_LISTING_RETRY.toMillis());
    }
  }

  private void smokeKafka(
      DockerClient docker, InspectedImage image, String network, List<SmokeContainer> created)
      throws SmokeException, InterruptedException {
    SmokeContainer broker = kraftNode(docker, image.name(), network, created);
    SmokeContainer.Exec ready =
        broker.exec(
            "cub",
            "kafka-ready",
            "1",
            Long.toString(settings.timeout().toSeconds()),
            "-b",
            BROKER_HOST + ":9092");
    if (ready.exitCode() != 0) {
      throw failure(
          "(a) readiness: `cub kafka-ready 1 "
              + settings.timeout().toSeconds()
              + " -b "
              + BROKER_HOST
              + ":9092` in the container exited "
              + ready.exitCode()
              + ": "
              + ready.output(),
          broker);
    }
    log.accept("  (a) the broker is ready");
    expectDeclaredUser(image, broker);
  }

  /** Starts the {@link SingleNodeKRaft} test broker, reachable as {@value #BROKER_HOST}:9092. */
  private SmokeContainer kraftNode(
      DockerClient docker, String imageName, String network, List<SmokeContainer> created)
      throws SmokeException {
    Map<String, String> env = heap();
    env.putAll(SingleNodeKRaft.environment("0.0.0.0", BROKER_HOST, 9092, 9093));
    return start(docker, imageName, network, BROKER_HOST, env, created);
  }

  private void awaitServerStarted(SmokeContainer broker, String what)
      throws SmokeException, InterruptedException {
    if (!broker.awaitLogLine(SERVER_STARTED, settings.timeout())) {
      throw failure(
          what
              + " did not start, or did not become ready within "
              + settings.timeout().toSeconds()
              + " s (no 'Kafka Server started' in its log)",
          broker);
    }
  }

  private static Map<String, String> heap() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
    return env;
  }

  private SmokeContainer start(
      DockerClient docker,
      String imageName,
      String network,
      String host,
      Map<String, String> env,
      List<SmokeContainer> created)
      throws SmokeException {
    SmokeContainer container = SmokeContainer.create(docker, imageName, network, host, env);
    created.add(container);
    container.start();
    log.accept("  started " + imageName + " as " + host);
    return container;
  }

  /**
   * (c) The server process (PID 1, which the image's run script replaces with the JVM) runs as the
   * declared user's uid.
   */
  private void expectDeclaredUser(InspectedImage image, SmokeContainer container)
      throws SmokeException, InterruptedException {
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

  private String output(SmokeContainer container, String... command)
      throws SmokeException, InterruptedException {
    SmokeContainer.Exec result = container.exec(command);
    if (result.exitCode() != 0) {
      throw failure(
          "`"
              + String.join(" ", command)
              + "` in the container exited "
              + result.exitCode()
              + ": "
              + result.stderr().strip(),
          container);
    }
    return result.stdout().strip();
  }

  /** The failure, with the last lines of the container's log, which usually say why. */
  private SmokeException failure(String what, SmokeContainer container)
      throws InterruptedException {
    String logs;
    try {
      List<String> lines = container.logs().lines().toList();
      logs =
          String.join(
              "\n", lines.subList(Math.max(0, lines.size() - settings.logLines()), lines.size()));
    } catch (DockerException e) {
      logs = "(no log: " + e.getMessage() + ")";
    }
    return new SmokeException(
        what
            + "\nLast "
            + settings.logLines()
            + " log lines of "
            + container.image()
            + ":\n"
            + logs);
  }
}
