package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A dependency that comes late: the ensure step waits for it within its timeout ({@code
 * KAFKA_CUB_ZK_TIMEOUT}, {@code CONNECT_CUB_KAFKA_TIMEOUT}) and the server then starts; when the
 * timeout is shorter than the delay, the container exits 1 with cub's timeout message. The broker
 * waits for ZooKeeper on the Kafka 3.9 line; the worker gives up on the Kafka 4 line (its ensure
 * step is the same on both lines), and {@link KafkaConnectIT}'s worker waits for its late broker.
 */
@ExtendWith(DockerRequired.class)
class LateDependencyIT {
  /** How late ZooKeeper is started; shorter than the broker's 60 s timeout given below. */
  private static final Duration DELAY = Duration.ofSeconds(15);

  private static final Duration SERVER_START = Duration.ofSeconds(180);

  @Test
  void brokerWaitsForAZooKeeperThatStartsLate() throws InterruptedException {
    try (Network network = Network.newNetwork();
        CpContainer broker =
            CpContainer.of(Images.KAFKA, Line.KAFKA_3)
                .on(network, "kafka")
                .withEnv("KAFKA_BROKER_ID", "1")
                .withEnv("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_CUB_ZK_TIMEOUT", "60")
                .waitingForLog(".*===> Check if Zookeeper is healthy.*", Duration.ofSeconds(60));
        CpContainer zookeeper =
            CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
                .on(network, "zookeeper")
                .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")) {
      broker.start();
      Thread.sleep(DELAY.toMillis());

      assertTrue(broker.isRunning(), "the broker gave up early:\n" + broker.getLogs());
      assertFalse(broker.getLogs().contains("started (kafka.server.KafkaServer)"));

      zookeeper.start();
      Wait.forLogMessage(".*\\[KafkaServer id=1\\] started.*\\n?", 1)
          .withStartupTimeout(SERVER_START)
          .waitUntilReady(broker);
      KafkaKRaftIT.assertReady(broker, "kafka:9092", 1);
    }
  }

  @Test
  void brokerExitsWhenZooKeeperIsLaterThanItsTimeout() {
    try (Network network = Network.newNetwork()) {
      long started = System.nanoTime();
      OneShot.Result result =
          OneShot.of(Images.KAFKA, Line.KAFKA_3)
              .on(network, "kafka")
              .env("KAFKA_HEAP_OPTS", "-Xmx256m")
              .env("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
              .env("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
              .env("KAFKA_CUB_ZK_TIMEOUT", "5")
              .run();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertEquals(1, result.exitCode(), result.output());
      assertTrue(
          result
              .output()
              .contains("Timed out waiting for connection to Zookeeper server [zookeeper:2181]."),
          result.output());
      assertFalse(result.output().contains("===> Launching"), result.output());
      assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "exited after " + took);
    }
  }

  @Test
  void connectWorkerExitsWhenTheBrokerIsLaterThanItsTimeout() {
    try (Network network = Network.newNetwork()) {
      long started = System.nanoTime();
      OneShot.Result result =
          OneShot.of(Images.KAFKA_CONNECT, Line.KAFKA_4)
              .on(network, "connect")
              .env(connectEnvironment())
              .env("CONNECT_CUB_KAFKA_TIMEOUT", "5")
              .run();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertEquals(1, result.exitCode(), result.output());
      assertTrue(result.output().contains("Expected 1 brokers but found only 0."), result.output());
      assertFalse(result.output().contains("===> Launching"), result.output());
      assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "exited after " + took);
    }
  }

  private static Map<String, String> connectEnvironment() {
    return Map.of(
        "KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m",
        "CONNECT_BOOTSTRAP_SERVERS", "kafka:9092",
        "CONNECT_GROUP_ID", "late",
        "CONNECT_CONFIG_STORAGE_TOPIC", "late.config",
        "CONNECT_OFFSET_STORAGE_TOPIC", "late.offsets",
        "CONNECT_STATUS_STORAGE_TOPIC", "late.status",
        "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
        "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
        "CONNECT_REST_ADVERTISED_HOST_NAME", "connect");
  }
}
