package io.cpimage.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * cp-kafka-connect: the failing and rendered configurations, and a distributed worker (running as
 * an arbitrary uid) against a KRaft broker, reached over its REST API from the host.
 */
@ExtendWith(DockerRequired.class)
class KafkaConnectIT {
  private static final String CONFIGURE_AND_PRINT =
      "/etc/confluent/docker/configure && "
          + RenderedFiles.printCommand(
              "/etc/kafka-connect/kafka-connect.properties", "/etc/kafka/connect-log4j.properties");
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
  private static Network network;
  private static CpContainer kafka;
  private static CpContainer worker;

  @BeforeAll
  static void startWorker() {
    network = Network.newNetwork();
    kafka = KafkaKRaftIT.combinedNode(network, "kafka");
    kafka.start();
    worker =
        CpContainer.of(Images.KAFKA_CONNECT)
            .on(network, "connect")
            .asUser("12345")
            .withEnv(mandatory(MANDATORY.length))
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
            .withExposedPorts(8083)
            .waitingFor(
                Wait.forHttp("/").forPort(8083).withStartupTimeout(Duration.ofSeconds(240)));
    worker.start();
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

  static Stream<Arguments> failingConfigs() {
    return Stream.of(MANDATORY).map(var -> Arguments.of(var[0]));
  }

  /** Each mandatory variable in turn: the ones before it are set, it is missing. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("failingConfigs")
  void failingConfigNamesTheMissingVariable(String missing) {
    int given = 0;
    while (!MANDATORY[given][0].equals(missing)) {
      given++;
    }

    OneShot.Result result = OneShot.of(Images.KAFKA_CONNECT).env(mandatory(given)).run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(missing + " is required."), result.output());
  }

  @Test
  void defaultConfig() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT)
            .env(mandatory(MANDATORY.length))
            .bash(CONFIGURE_AND_PRINT)
            .run();

    assertEquals(0, result.exitCode(), result.output());
    RenderedFiles files = RenderedFiles.parse(result.output());
    assertEquals(
        RenderedFiles.golden("connect-default.properties"),
        files.of("/etc/kafka-connect/kafka-connect.properties"));
    assertEquals(
        RenderedFiles.golden("connect-default-log4j.properties"),
        files.of("/etc/kafka/connect-log4j.properties"));
  }

  /** The log4j, readiness and JVM variables configure the image, not the worker. */
  @Test
  void fullConfigKeepsImageVariablesOutOfTheWorkerProperties() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT)
            .env(mandatory(MANDATORY.length))
            .env("CONNECT_REST_PORT", "8082")
            .env("CONNECT_LOG4J_ROOT_LOGLEVEL", "DEBUG")
            .env("CONNECT_LOG4J_LOGGERS", "org.reflections=WARN,org.eclipse.jetty=INFO")
            .env("CONNECT_LOG4J_APPENDER_STDOUT_LAYOUT_CONVERSIONPATTERN", "%p %m%n")
            .env("CONNECT_CUB_KAFKA_MIN_BROKERS", "3")
            .env("CONNECT_CUB_KAFKA_TIMEOUT", "60")
            .env("KAFKA_HEAP_OPTS", "-Xmx300m")
            .env("KAFKA_JMX_PORT", "9999")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    assertEquals(0, result.exitCode(), result.output());
    RenderedFiles files = RenderedFiles.parse(result.output());
    assertEquals(
        RenderedFiles.golden("connect-full.properties"),
        files.of("/etc/kafka-connect/kafka-connect.properties"));
    assertEquals(
        RenderedFiles.golden("connect-full-log4j.properties"),
        files.of("/etc/kafka/connect-log4j.properties"));
  }

  @Test
  void restApiAnswersWithItsVersion() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"version\":\"3.9.1\""), response.body());
  }

  @Test
  void listsTheFileStreamConnectors() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/connector-plugins");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.body().contains("org.apache.kafka.connect.file.FileStreamSinkConnector"),
        response.body());
    assertTrue(
        response.body().contains("org.apache.kafka.connect.file.FileStreamSourceConnector"),
        response.body());
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
    URI uri = URI.create("http://" + worker.getHost() + ":" + worker.getMappedPort(8083) + path);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> mandatory(int count) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      env.put(MANDATORY[i][0], MANDATORY[i][1]);
    }
    return env;
  }
}
