package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedKafka;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FreePort;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code cub kafka-ready} against a real three-broker Kafka 3.9.1 cluster in ZooKeeper mode. */
class KafkaReadyClusterTest {

  private static EmbeddedZooKeeper zooKeeper;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startCluster() throws Exception {
    zooKeeper = EmbeddedZooKeeper.start();
    kafka = EmbeddedKafka.start(zooKeeper.connectString(), 3, Map.of());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    zooKeeper.close();
  }

  private static String firstBroker() {
    return kafka.bootstrapServers("PLAINTEXT").split(",")[0];
  }

  @Test
  void readyWithThreeBrokersFoundThroughOneBootstrapBroker() {
    CubRun run = cub("kafka-ready", "3", "30", "-b", firstBroker());

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
  }

  @Test
  void readyWithThreeBrokersFoundThroughZooKeeper() {
    CubRun run = cub("kafka-ready", "3", "30", "--zookeeper_connect", zooKeeper.connectString());

    assertEquals(0, run.exitCode(), run::toString);
  }

  @Test
  void expectingMoreBrokersThanExistTimesOutNamingTheBrokersFound() {
    CubRun run = cub("kafka-ready", "4", "2", "--bootstrap_broker_list", firstBroker());

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.err().startsWith("Expected 4 brokers but found only 3. Brokers found ["),
        run::toString);
    for (String broker : kafka.bootstrapServers("PLAINTEXT").split(",")) {
      assertTrue(run.err().contains(broker), run::toString);
    }
  }

  @Test
  void unresolvableBootstrapHostIsRetriedUntilTheTimeout() {
    CubRun run = cub("kafka-ready", "1", "2", "-b", "no-such-broker.invalid:9092");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.err().startsWith("Expected 1 brokers but found only 0. Brokers found []."),
        run::toString);
    assertTrue(run.err().contains("none of no-such-broker.invalid:9092 resolves"), run::toString);
    assertTrue(run.elapsed().compareTo(Duration.ofMillis(1900)) > 0, run::toString);
  }

  @Test
  void noBrokerListeningTimesOutWithNoneFound() throws Exception {
    CubRun run = cub("kafka-ready", "1", "2", "-b", "127.0.0.1:" + FreePort.closed());

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.err().startsWith("Expected 1 brokers but found only 0. Brokers found []."),
        run::toString);
  }
}
