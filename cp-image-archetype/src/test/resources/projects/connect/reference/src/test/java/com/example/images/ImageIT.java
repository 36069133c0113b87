package com.example.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the image that {@code package} built as a Connect worker beside a single KRaft broker, on
 * a private network, and checks its REST API from the host.
 */
class ImageIT {
  /** Set by the pom (failsafe): the image this build loaded into the Docker engine. */
  private static final String IMAGE = System.getProperty("image.name");

  private static final String CLUSTER_ID = "4L6g3nShT-eMCtK--X86sw";
  private static final Duration STARTUP = Duration.ofMinutes(4);

  private static Network network;
  private static GenericContainer<?> kafka;
  private static GenericContainer<?> connect;

  @BeforeAll
  static void start() {
    network = Network.newNetwork();
    kafka = kraftNode(System.getProperty("kafka.image"));
    kafka.start();
    connect =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withNetwork(network)
            .withNetworkAliases("connect")
            .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
            .withEnv("CONNECT_GROUP_ID", "archetype-it-connect")
            .withEnv("CONNECT_CONFIG_STORAGE_TOPIC", "archetype-it-connect.config")
            .withEnv("CONNECT_OFFSET_STORAGE_TOPIC", "archetype-it-connect.offsets")
            .withEnv("CONNECT_STATUS_STORAGE_TOPIC", "archetype-it-connect.status")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .withEnv("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .withEnv("KAFKA_HEAP_OPTS", "-Xms64m -Xmx384m")
            .withExposedPorts(8083)
            .waitingFor(
                Wait.forHttp("/connector-plugins")
                    .forPort(8083)
                    .forStatusCode(200)
                    .withStartupTimeout(STARTUP));
    connect.start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void restApiAnswersWithTheWorkerVersion() throws Exception {
    HttpResponse<String> response = get("/");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"version\""), response.body());
  }

  /**
   * The worker scanned its plugin path: Kafka's own transformations are listed. Add the classes of
   * the connectors this project adds to the image.
   */
  @Test
  void listsThePlugins() throws Exception {
    HttpResponse<String> response = get("/connector-plugins?connectorsOnly=false");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.body().contains("\"org.apache.kafka.connect.transforms.Filter\""),
        response.body());
  }

  /** The files under src/main/cp-image are in the image. */
  @Test
  void carriesTheProjectFiles() throws Exception {
    ExecResult doc =
        connect.execInContainer("cat", "/usr/share/doc/archetype-it-connect/README.md");

    assertEquals(0, doc.getExitCode(), doc.getStderr());
    assertTrue(doc.getStdout().contains("archetype-it-connect"), doc.getStdout());
  }

  /**
   * A broker and controller in one process, reached on the network as kafka:9092. Written out here
   * rather than taken from cp-image, so that this test is yours to change and needs only
   * Testcontainers.
   */
  private static GenericContainer<?> kraftNode(String image) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases("kafka")
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName("kafka"))
        .withEnv("CLUSTER_ID", CLUSTER_ID)
        .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
        .withEnv("KAFKA_NODE_ID", "1")
        .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
        .withEnv("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
        .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
        .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
        .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
        .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .withEnv("KAFKA_HEAP_OPTS", "-Xms64m -Xmx256m")
        .waitingFor(
            Wait.forLogMessage(".*Kafka Server started.*\\n?", 1).withStartupTimeout(STARTUP));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + connect.getHost() + ":" + connect.getMappedPort(8083) + path);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
