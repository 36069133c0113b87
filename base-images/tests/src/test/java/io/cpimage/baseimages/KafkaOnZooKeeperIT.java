package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
import org.testcontainers.lifecycle.Startables;

/**
 * Confluent's bridged cluster scenario, on the Kafka 3.9 line (Kafka 4 has no ZooKeeper): one
 * ZooKeeper, three brokers (the third as an arbitrary uid), shared by the tests of this class; the
 * last one stops a broker.
 */
@ExtendWith(DockerRequired.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaOnZooKeeperIT {
  private static final Duration BROKER_START = Duration.ofSeconds(120);
  private static Network network;
  private static CpContainer zookeeper;
  private static final List<CpContainer> brokers = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    network = Network.newNetwork();
    zookeeper =
        CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
            .on(network, "zookeeper")
            .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")
            .waitingForLog(".*binding to port.*", Duration.ofSeconds(60));
    zookeeper.start();
    for (int id = 1; id <= 3; id++) {
      CpContainer broker =
          CpContainer.of(Images.KAFKA, Line.KAFKA_3)
              .on(network, "kafka-" + id)
              .withEnv("KAFKA_BROKER_ID", String.valueOf(id))
              .withEnv("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
              .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + id + ":9092")
              .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
              .waitingForLog(".*\\[KafkaServer id=" + id + "\\] started.*", BROKER_START);
      if (id == 2) {
        broker.withEnv("KAFKA_JMX_PORT", "9999").withEnv("KAFKA_JMX_HOSTNAME", "kafka-2");
      }
      if (id == 3) {
        broker.asUser("12345");
      }
      brokers.add(broker);
    }
    Startables.deepStart(brokers).join();
  }

  @AfterAll
  static void stopCluster() {
    brokers.forEach(CpContainer::stop);
    if (zookeeper != null) {
      zookeeper.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  @Order(1)
  void kafkaReadySeesThreeBrokersFromInsideAContainer() {
    ExecResult ready = brokers.get(0).run("cub", "kafka-ready", "3", "40", "-b", "kafka-1:9092");

    assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }

  @Test
  @Order(2)
  void aBrokerRunsAsAnArbitraryUid() {
    assertEquals("12345", brokers.get(2).run("id", "-u").getStdout().strip());
    assertEquals(
        0, brokers.get(2).run("cub", "kafka-ready", "3", "40", "-b", "kafka-3:9092").getExitCode());
  }

  /**
   * KAFKA_JMX_PORT opens remote JMX, with RMI on the same port, advertised as KAFKA_JMX_HOSTNAME.
   */
  @Test
  @Order(3)
  void jmxPortIsOpenWithRmiOnTheSamePort() {
    CpContainer broker = brokers.get(1);

    ExecResult listening = broker.run("nc", "-z", "localhost", "9999");
    String commandLine = broker.bash("tr '\\0' ' ' < /proc/1/cmdline").getStdout();

    assertEquals(0, listening.getExitCode(), "nothing listens on the JMX port");
    assertTrue(commandLine.contains("-Dcom.sun.management.jmxremote.rmi.port=9999"), commandLine);
    assertTrue(commandLine.contains("-Djava.rmi.server.hostname=kafka-2"), commandLine);
  }

  @Test
  @Order(4)
  void producesAndConsumesHundredMessagesAcrossBrokers() {
    CpContainer client = brokers.get(1);
    ExecResult topic =
        client.run(
            "kafka-topics",
            "--bootstrap-server",
            "kafka-1:9092",
            "--create",
            "--topic",
            "hundred",
            "--partitions",
            "3",
            "--replication-factor",
            "3");
    assertEquals(0, topic.getExitCode(), topic.getStderr());

    ExecResult produced =
        client.bash(
            "seq 1 100 | kafka-console-producer --bootstrap-server kafka-2:9092 --topic hundred");
    assertEquals(0, produced.getExitCode(), produced.getStderr());

    ExecResult consumed =
        client.run(
            "kafka-console-consumer",
            "--bootstrap-server",
            "kafka-3:9092",
            "--topic",
            "hundred",
            "--from-beginning",
            "--max-messages",
            "100",
            "--timeout-ms",
            "60000");
    assertEquals(0, consumed.getExitCode(), consumed.getStderr());
    assertTrue(
        consumed.getStderr().contains("Processed a total of 100 messages"), consumed.getStderr());
    List<String> received = consumed.getStdout().lines().toList();
    assertEquals(100, received.size(), consumed.getStdout());
    assertEquals(
        IntStream.rangeClosed(1, 100).mapToObj(String::valueOf).collect(Collectors.toSet()),
        Set.copyOf(received));
  }

  /** The broker is PID 1: docker stop's SIGTERM reaches the JVM, which shuts down in time. */
  @Test
  @Order(5)
  void dockerStopShutsABrokerDownCleanlyWithinTenSeconds() {
    CpContainer broker = brokers.get(0);
    DockerClient docker = DockerClientFactory.instance().client();

    long started = System.nanoTime();
    docker.stopContainerCmd(broker.getContainerId()).withTimeout(10).exec();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    String logs = broker.getLogs();
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "docker stop took " + took);
    assertTrue(logs.contains("[KafkaServer id=1] shutting down"), logs);
    assertTrue(logs.contains("[KafkaServer id=1] shut down completed"), logs);
  }
}
