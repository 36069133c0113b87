package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * cp-kafka in KRaft mode: a combined node on each line, restarted on its volume; three controllers
 * with a broker on the Kafka 4 line (three combined nodes are {@link NoDataLostIT}'s cluster).
 */
@ExtendWith(DockerRequired.class)
class KafkaKRaftIT {
  private static final Duration START = Duration.ofSeconds(120);

  /** A broker and controller in one process, on one node: {@code host}:9092 for clients. */
  static CpContainer combinedNode(Line line, Network network, String host) {
    return CpContainer.kraftNode(line.reference(Images.KAFKA), network, host);
  }

  /**
   * Formats the storage on first start; a restart (the same container, on its data volume) finds it
   * formatted, leaves it alone, and still has the records written before.
   */
  @ParameterizedTest
  @EnumSource(Line.class)
  void combinedNodeFormatsItsStorageOnceAndRestartsWithItsData(Line line) {
    try (Network network = Network.newNetwork();
        CpContainer kafka = combinedNode(line, network, "kraft")) {
      kafka.start();
      // The server's JVM formats the storage (launch), then starts on it.
      String firstBoot = kafka.getLogs();
      String launch = firstBoot.substring(firstBoot.indexOf("===> Launching"));
      assertTrue(launch.contains("===> Formatting the KRaft storage for cluster"), firstBoot);
      int formatted = launch.indexOf("Formatting metadata directory /var/lib/kafka/data");
      assertTrue(formatted >= 0 && formatted < launch.indexOf("Kafka Server started"), firstBoot);
      produceOneToTen(kafka, "kraft:9092", "kept");

      DockerClient docker = DockerClientFactory.instance().client();
      docker.restartContainerCmd(kafka.getContainerId()).withTimeout(10).exec();
      Wait.forLogMessage(SingleNodeKRaft.SERVER_STARTED + "\\n?", 2)
          .withStartupTimeout(START)
          .waitUntilReady(kafka);

      String secondBoot = kafka.getLogs().substring(kafka.getLogs().lastIndexOf("===> User"));
      assertFalse(secondBoot.contains("Formatting"), secondBoot);
      assertFalse(secondBoot.contains("already formatted"), secondBoot);
      assertConsumesOneToTen(kafka, "kraft:9092", "kept");
    }
  }

  @Test
  void threeControllersAndABrokerOnKafka4() {
    String voters = "1@controller-1:9093,2@controller-2:9093,3@controller-3:9093";
    List<CpContainer> nodes = new ArrayList<>();
    try (Network network = Network.newNetwork()) {
      for (int id = 1; id <= 3; id++) {
        nodes.add(
            CpContainer.of(Images.KAFKA, Line.KAFKA_4)
                .on(network, "controller-" + id)
                .withEnv("KAFKA_PROCESS_ROLES", "controller")
                .withEnv("KAFKA_NODE_ID", String.valueOf(id))
                .withEnv("CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID)
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                .withEnv("KAFKA_LISTENERS", "CONTROLLER://0.0.0.0:9093")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx192m -Xms64m")
                .waitingForLog(SingleNodeKRaft.SERVER_STARTED, START));
      }
      CpContainer broker =
          CpContainer.of(Images.KAFKA, Line.KAFKA_4)
              .on(network, "broker")
              .withEnv("KAFKA_PROCESS_ROLES", "broker")
              .withEnv("KAFKA_NODE_ID", "4")
              .withEnv("CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID)
              .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
              .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://broker:9092")
              .withEnv(
                  "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                  "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
              .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
              .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
              .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
              .waitingForLog(SingleNodeKRaft.SERVER_STARTED, START);
      nodes.add(broker);
      try {
        Startables.deepStart(nodes).join();

        assertReady(broker, "broker:9092", 1);
        produceOneToTen(broker, "broker:9092", "kraft");
        assertConsumesOneToTen(broker, "broker:9092", "kraft");
      } finally {
        nodes.forEach(CpContainer::stop);
      }
    }
  }

  /** Writes the records 1 to 10 with acks=all, from inside the container. */
  static void produceOneToTen(CpContainer kafka, String bootstrap, String topic) {
    ExecResult produced =
        kafka.bash(
            "seq 1 10 | kafka-console-producer --bootstrap-server "
                + bootstrap
                + " --topic "
                + topic
                + " --producer-property acks=all");
    assertEquals(0, produced.getExitCode(), produced.getStderr());
  }

  /** Reads the topic from its start: exactly the records 1 to 10, in order. */
  static void assertConsumesOneToTen(CpContainer kafka, String bootstrap, String topic) {
    ExecResult consumed =
        kafka.run(
            "kafka-console-consumer",
            "--bootstrap-server",
            bootstrap,
            "--topic",
            topic,
            "--from-beginning",
            "--max-messages",
            "10",
            "--timeout-ms",
            "60000");
    assertEquals(0, consumed.getExitCode(), consumed.getStderr());
    assertEquals(
        "1 2 3 4 5 6 7 8 9 10", String.join(" ", consumed.getStdout().strip().split("\\s+")));
  }

  static void assertReady(CpContainer container, String bootstrap, int brokers) {
    ExecResult ready =
        container.run("cub", "kafka-ready", String.valueOf(brokers), "60", "-b", bootstrap);
    assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }
}
