package com.example.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Starts the image that {@code package} built as a single KRaft node (broker and controller in
 * one process) and checks that it serves clients.
 */
class ImageIT {
  /** Set by the pom (failsafe): the image this build loaded into the Docker engine. */
  private static final String IMAGE = System.getProperty("image.name");

  private static final String CLUSTER_ID = "4L6g3nShT-eMCtK--X86sw";
  private static final Duration STARTUP = Duration.ofMinutes(4);

  private static Network network;
  private static GenericContainer<?> kafka;

  @BeforeAll
  static void start() {
    network = Network.newNetwork();
    kafka = kraftNode(IMAGE);
    kafka.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  /** The image's own {@code cub kafka-ready} asks the cluster's metadata through the Admin API. */
  @Test
  void brokerServesClients() throws Exception {
    ExecResult ready = kafka.execInContainer("cub", "kafka-ready", "1", "30", "-b", "kafka:9092");

    assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }

  /** The files under src/main/cp-image are in the image. */
  @Test
  void carriesTheProjectFiles() throws Exception {
    ExecResult doc =
        kafka.execInContainer("cat", "/usr/share/doc/archetype-it-kafka/README.md");

    assertEquals(0, doc.getExitCode(), doc.getStderr());
    assertTrue(doc.getStdout().contains("archetype-it-kafka"), doc.getStdout());
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
}
