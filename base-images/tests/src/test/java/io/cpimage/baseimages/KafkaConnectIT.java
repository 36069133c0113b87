package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.baseimages.sequence.SequenceConnectorJar;
import io.cpimage.baseimages.sequence.SequenceSourceConnector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * cp-kafka-connect: the failing and rendered configurations, and a distributed worker on the Kafka
 * 4 line (running as an arbitrary uid, started before its broker) against a KRaft broker, reached
 * over its REST API from the host, running a connector this test brings ({@link
 * SequenceSourceConnector}: Kafka 4's images ship none) through a converter and a transform. The
 * 3.9 line's worker, with its FileStream connectors, runs in {@link RestartOnVolumeIT}.
 */
@ExtendWith(DockerRequired.class)
class KafkaConnectIT {
  private static final String[][] MANDATORY = {
    {"CONNECT_BOOTSTRAP_SERVERS", "kafka:9092"},
    {"CONNECT_GROUP_ID", "default"},
    {"CONNECT_CONFIG_STORAGE_TOPIC", "default.config"},
    {"CONNECT_OFFSET_STORAGE_TOPIC", "default.offsets"},
    {"CONNECT_STATUS_STORAGE_TOPIC", "default.status"},
    {"CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter"},
    {"CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter"},
    {"CONNECT_REST_ADVERTISED_HOST_NAME", "default-config"},
  };
  private static final Line LINE = Line.KAFKA_4;

  /** How late the broker is started; shorter than the worker's 90 s CONNECT_CUB_KAFKA_TIMEOUT. */
  private static final Duration BROKER_DELAY = Duration.ofSeconds(15);

  private static boolean workerRunningBeforeTheBroker;
  private static String workerLogsBeforeTheBroker;
  private static Network network;
  private static CpContainer kafka;
  private static CpContainer worker;

  /**
   * Confluent's late-dependency scenario for the worker: it starts before its broker, waits in its
   * ensure step ({@code CONNECT_CUB_KAFKA_TIMEOUT}) and starts once the broker is there. The
   * worker's output before the broker started is kept for {@link #workerWaitedForTheLateBroker}.
   */
  @BeforeAll
  static void startWorkerThenItsBroker() throws InterruptedException {
    network = Network.newNetwork();
    kafka = KafkaKRaftIT.combinedNode(LINE, network, "kafka");
    worker =
        CpContainer.of(Images.KAFKA_CONNECT, LINE)
            .on(network, "connect")
            .asUser("12345")
            .withEnv(mandatory(MANDATORY.length))
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "false")
            .withEnv("CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE", "false")
            .withEnv("CONNECT_CUB_KAFKA_TIMEOUT", "90")
            .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
            .withCopyToContainer(
                Transferable.of(SequenceConnectorJar.bytes(), 0644),
                "/etc/kafka-connect/jars/sequence-source.jar")
            .withExposedPorts(8083)
            .waitingForLog(".*===> Check if Kafka is healthy.*", Duration.ofSeconds(60));
    worker.start();
    Thread.sleep(BROKER_DELAY.toMillis());
    workerRunningBeforeTheBroker = worker.isRunning();
    workerLogsBeforeTheBroker = worker.getLogs();

    kafka.start();
    Wait.forLogMessage(".*Kafka Connect started.*\\n?", 1)
        .withStartupTimeout(Duration.ofSeconds(300))
        .waitUntilReady(worker);
  }

  @AfterAll
  static void stop() {
    for (CpContainer container : new CpContainer[] {worker, kafka}) {
      if (container != null) {
        container.stop();
      }
    }
    if (network != null) {
      network.close();
    }
  }

  /** The worker neither gave up nor started while it had no broker (it started after it). */
  @Test
  void workerWaitedForTheLateBroker() {
    assertTrue(workerRunningBeforeTheBroker, "the worker gave up:\n" + workerLogsBeforeTheBroker);
    assertFalse(workerLogsBeforeTheBroker.contains("===> Launching"), workerLogsBeforeTheBroker);
  }

  /**
   * One check names every missing mandatory variable, in order, and none that is set; the worker is
   * not started.
   */
  @Test
  void failingConfigNamesEveryMissingVariable() {
    int given = 2;
    OneShot.Result result = OneShot.of(Images.KAFKA_CONNECT, LINE).env(mandatory(given)).run();

    assertEquals(1, result.exitCode(), result.output());
    List<String> named =
        result.output().lines().filter(line -> line.endsWith(" is required.")).toList();
    List<String> missing =
        Stream.of(MANDATORY).skip(given).map(variable -> variable[0] + " is required.").toList();
    assertEquals(missing, named, result.output());
    assertFalse(result.output().contains("===> Launching"), result.output());
  }

  /** The worker's properties are the same on both lines; its logging is log4j2 YAML on Kafka 4. */
  @ParameterizedTest
  @EnumSource(Line.class)
  void defaultConfig(Line line) {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT, line)
            .env(mandatory(MANDATORY.length))
            .bash(configureAndPrint(line))
            .run();

    assertEquals(0, result.exitCode(), result.output());
    RenderedFiles files = RenderedFiles.parse(result.output());
    assertEquals(
        RenderedFiles.golden("connect-default.properties"),
        files.of("/etc/kafka-connect/kafka-connect.properties"));
    assertEquals(RenderedFiles.golden(goldenLog4j(line, "default")), files.of(log4jFile(line)));
  }

  /** The log4j, readiness and JVM variables configure the image, not the worker. */
  @ParameterizedTest
  @EnumSource(Line.class)
  void fullConfigKeepsImageVariablesOutOfTheWorkerProperties(Line line) {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT, line)
            .env(mandatory(MANDATORY.length))
            .env("CONNECT_REST_PORT", "8082")
            .env("CONNECT_LOG4J_ROOT_LOGLEVEL", "DEBUG")
            .env("CONNECT_LOG4J_LOGGERS", "org.reflections=WARN,org.eclipse.jetty=INFO")
            .env("CONNECT_LOG4J_APPENDER_STDOUT_LAYOUT_CONVERSIONPATTERN", "%p %m%n")
            .env("CONNECT_CUB_KAFKA_MIN_BROKERS", "3")
            .env("CONNECT_CUB_KAFKA_TIMEOUT", "60")
            .env("KAFKA_HEAP_OPTS", "-Xmx300m")
            .env("KAFKA_JMX_PORT", "9999")
            .bash(configureAndPrint(line))
            .run();

    assertEquals(0, result.exitCode(), result.output());
    RenderedFiles files = RenderedFiles.parse(result.output());
    assertEquals(
        RenderedFiles.golden("connect-full.properties"),
        files.of("/etc/kafka-connect/kafka-connect.properties"));
    assertEquals(RenderedFiles.golden(goldenLog4j(line, "full")), files.of(log4jFile(line)));
  }

  @Test
  void restApiAnswersWithItsVersion() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.body().contains("\"version\":\"" + LINE.kafkaVersion() + "\""), response.body());
  }

  /** The connector from /etc/kafka-connect/jars, and the transforms and converters Kafka ships. */
  @Test
  void listsItsPlugins() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/connector-plugins?connectorsOnly=false");

    assertEquals(200, response.statusCode(), response.body());
    for (String plugin :
        new String[] {
          SequenceSourceConnector.class.getName(),
          "org.apache.kafka.connect.transforms.HoistField$Value",
          "org.apache.kafka.connect.json.JsonConverter",
          "org.apache.kafka.connect.storage.StringConverter"
        }) {
      assertTrue(response.body().contains("\"" + plugin + "\""), plugin + ": " + response.body());
    }
  }

  /**
   * The connector runs: its records reach the topic through the JSON converter, each wrapped by the
   * HoistField transform.
   */
  @Test
  void runsAConnectorThroughAConverterAndATransform() throws IOException, InterruptedException {
    String config =
        "{\"connector.class\":\""
            + SequenceSourceConnector.class.getName()
            + "\",\"tasks.max\":\"1\",\"topic\":\"sequence\",\"count\":\"3\","
            + "\"transforms\":\"hoist\","
            + "\"transforms.hoist.type\":\"org.apache.kafka.connect.transforms.HoistField$Value\","
            + "\"transforms.hoist.field\":\"line\"}";
    HttpResponse<String> created = put("/connectors/sequence/config", config);
    assertEquals(201, created.statusCode(), created.body());

    ExecResult consumed =
        kafka.run(
            "kafka-console-consumer",
            "--bootstrap-server",
            "kafka:9092",
            "--topic",
            "sequence",
            "--from-beginning",
            "--max-messages",
            "3",
            "--timeout-ms",
            "90000");
    assertEquals(0, consumed.getExitCode(), consumed.getStderr());
    assertEquals(
        "{\"line\":\"record-1\"}\n{\"line\":\"record-2\"}\n{\"line\":\"record-3\"}",
        consumed.getStdout().strip());
    HttpResponse<String> status = get("/connectors/sequence/status");
    assertTrue(
        status.body().matches("(?s).*\"tasks\":\\[\\{\"id\":0,\"state\":\"RUNNING\".*"),
        status.body());
  }

  /**
   * JDK 24 and later warn at every start about sun.misc.Unsafe and JNI unless told not to; the
   * image's java-tool tells them, so neither the broker nor the worker prints a JVM warning.
   */
  @Test
  void noJvmWarningsAtStart() {
    for (CpContainer container : new CpContainer[] {kafka, worker}) {
      String logs = container.getLogs();
      assertTrue(
          logs.lines().noneMatch(line -> line.startsWith("WARNING:")),
          container.getDockerImageName() + " printed JVM warnings:\n" + logs);
    }
  }

  @Test
  void healthcheckPasses() {
    ExecResult health = worker.run("/etc/confluent/docker/healthcheck.sh");

    assertEquals(0, health.getExitCode(), health.getStdout() + health.getStderr());
    assertTrue(health.getStdout().contains("Woohoo! Kafka Connect is up!"), health.getStdout());
  }

  @Test
  void workerRunsAsTheArbitraryUid() {
    assertEquals("12345", worker.run("id", "-u").getStdout().strip());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  private static HttpResponse<String> put(String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpRequest.Builder request(String path) {
    URI uri = URI.create("http://" + worker.getHost() + ":" + worker.getMappedPort(8083) + path);
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String configureAndPrint(Line line) {
    return "/etc/confluent/docker/configure && "
        + RenderedFiles.printCommand(
            "/etc/kafka-connect/kafka-connect.properties", log4jFile(line));
  }

  /** Kafka 4 logs through log4j2 and its YAML file; 3.9 through log4j 1's properties. */
  private static String log4jFile(Line line) {
    return line == Line.KAFKA_4
        ? "/etc/kafka/connect-log4j2.yaml"
        : "/etc/kafka/connect-log4j.properties";
  }

  private static String goldenLog4j(Line line, String environment) {
    return line == Line.KAFKA_4
        ? "connect4-" + environment + "-log4j2.yaml"
        : "connect-" + environment + "-log4j.properties";
  }

  private static Map<String, String> mandatory(int count) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      env.put(MANDATORY[i][0], MANDATORY[i][1]);
    }
    return env;
  }
}
