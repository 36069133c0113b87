package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * On the Kafka 3.9 line, a ZooKeeper, a broker on it and a Connect worker on the broker; each in
 * turn gets {@code docker stop} and is started again (the same container, on its volumes) and still
 * has what was written to it before: a znode, a topic with its records, a connector's
 * configuration. A KRaft node's restart on its volume, on both lines, is in {@link KafkaKRaftIT}.
 */
@ExtendWith(DockerRequired.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartOnVolumeIT {
  private static final Duration START = Duration.ofSeconds(180);
  private static final String ZOOKEEPER_STARTED = ".*binding to port.*";
  private static final String BROKER_STARTED = ".*\\[KafkaServer id=1\\] started.*";
  private static final String CONNECT_STARTED = ".*Kafka Connect started.*";
  private static Network network;
  private static CpContainer zookeeper;
  private static CpContainer broker;
  private static CpContainer worker;

  @BeforeAll
  static void start() {
    network = Network.newNetwork();
    zookeeper =
        CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
            .on(network, "zookeeper")
            .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")
            .waitingForLog(ZOOKEEPER_STARTED, START);
    zookeeper.start();
    broker =
        CpContainer.of(Images.KAFKA, Line.KAFKA_3)
            .on(network, "kafka")
            .withEnv("KAFKA_BROKER_ID", "1")
            .withEnv("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
            .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
            .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .waitingForLog(BROKER_STARTED, START);
    broker.start();
    worker =
        CpContainer.of(Images.KAFKA_CONNECT, Line.KAFKA_3)
            .on(network, "connect")
            .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
            .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
            .withEnv("CONNECT_GROUP_ID", "restart")
            .withEnv("CONNECT_CONFIG_STORAGE_TOPIC", "restart.config")
            .withEnv("CONNECT_OFFSET_STORAGE_TOPIC", "restart.offsets")
            .withEnv("CONNECT_STATUS_STORAGE_TOPIC", "restart.status")
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter")
            .withEnv("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter")
            .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .waitingForLog(CONNECT_STARTED, START);
    worker.start();
  }

  @AfterAll
  static void stop() {
    for (CpContainer container : new CpContainer[] {worker, broker, zookeeper}) {
      if (container != null) {
        container.stop();
      }
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  @Order(1)
  void zooKeeperKeepsAZnode() {
    ExecResult created =
        zookeeper.run(
            "zookeeper-shell", "localhost:2181", "create", "/kept", "kept-before-restart");
    assertEquals(0, created.getExitCode(), created.getStdout() + created.getStderr());

    restart(zookeeper, ZOOKEEPER_STARTED);

    ExecResult read = zookeeper.run("zookeeper-shell", "localhost:2181", "get", "/kept");
    assertTrue(
        read.getStdout().contains("kept-before-restart"), read.getStdout() + read.getStderr());
  }

  @Test
  @Order(2)
  void brokerKeepsATopicAndItsRecords() {
    ExecResult topic =
        broker.run(
            "kafka-topics", "--bootstrap-server", "kafka:9092", "--create", "--topic", "kept");
    assertEquals(0, topic.getExitCode(), topic.getStderr());
    KafkaKRaftIT.produceOneToTen(broker, "kafka:9092", "kept");

    restart(broker, BROKER_STARTED);

    KafkaKRaftIT.assertConsumesOneToTen(broker, "kafka:9092", "kept");
  }

  @Test
  @Order(3)
  void connectWorkerKeepsAConnectorConfiguration() {
    String config =
        "{\"name\":\"kept-sink\",\"config\":{"
            + "\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\","
            + "\"topics\":\"kept\",\"file\":\"/tmp/kept-sink.txt\"}}";
    ExecResult created =
        worker.run(
            "curl",
            "-sS",
            "-f",
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "--data",
            config,
            "http://localhost:8083/connectors");
    assertEquals(0, created.getExitCode(), created.getStdout() + created.getStderr());

    restart(worker, CONNECT_STARTED);

    // The worker reads the configurations back from its config topic while joining its group;
    // until then the REST API answers 404 for the connector.
    ExecResult read =
        worker.bash(
            "for i in $(seq 60); do"
                + " curl -sS -f http://localhost:8083/connectors/kept-sink/config && exit 0;"
                + " sleep 1; done; exit 1");
    assertEquals(0, read.getExitCode(), read.getStdout() + read.getStderr());
    assertTrue(
        read.getStdout().contains("\"file\":\"/tmp/kept-sink.txt\""),
        read.getStdout() + read.getStderr());
    assertTrue(read.getStdout().contains("\"topics\":\"kept\""), read.getStdout());
  }

  /** docker stop (SIGTERM), docker start, then waits for the second "started" line. */
  private static void restart(CpContainer container, String startedLine) {
    DockerClient docker = DockerClientFactory.instance().client();
    docker.stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
    docker.startContainerCmd(container.getContainerId()).exec();
    Wait.forLogMessage(startedLine + "\\n?", 2).withStartupTimeout(START).waitUntilReady(container);
  }
}
