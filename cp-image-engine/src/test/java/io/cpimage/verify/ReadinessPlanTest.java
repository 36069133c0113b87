package io.cpimage.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.ready.ReadinessResult;
import io.cpimage.belt.testing.EmbeddedKafka;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FakeConfluentService;
import io.cpimage.belt.testing.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-ready's engine against a real ZooKeeper and a real Kafka broker started by the test, and
 * small HTTP servers standing in for Schema Registry (a Confluent service that cannot run here).
 */
class ReadinessPlanTest {

  private static EmbeddedZooKeeper zooKeeper;
  private static EmbeddedKafka kafka;

  @TempDir Path temp;

  @BeforeAll
  static void startCluster() throws Exception {
    zooKeeper = EmbeddedZooKeeper.start();
    kafka = EmbeddedKafka.start(zooKeeper.connectString(), 1, Map.of());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (zooKeeper != null) {
      zooKeeper.close();
    }
  }

  @Test
  void everyServiceReadyInParallel() throws Exception {
    Path clientConfig = Files.writeString(temp.resolve("client.properties"), "client.id=verify\n");
    try (FakeConfluentService registry =
        FakeConfluentService.start(
            null, null, null, "/config", List.of(FakeConfluentService.SCHEMA_REGISTRY_CONFIG))) {
      VerifyTargets targets =
          targets(
              zooKeeper.connectString(),
              kafka.bootstrapServers("PLAINTEXT"),
              1,
              clientConfig,
              "http://127.0.0.1:" + registry.port(),
              null,
              Duration.ofSeconds(30));

      List<ReadinessResult> results = ParallelReadiness.awaitAll(ReadinessPlan.checksFor(targets));

      assertEquals(3, results.size());
      results.forEach(result -> assertTrue(result.ready(), result::toString));
      assertTrue(ParallelReadiness.describe(results.get(0)).startsWith("ready: ZooKeeper at "));
    }
  }

  @Test
  void aDeadPortFailsAfterTheTimeoutNamingTheServiceWhileOthersAreReady() throws Exception {
    int dead = FreePort.closed();
    VerifyTargets targets =
        targets(
            zooKeeper.connectString(),
            null,
            1,
            null,
            null,
            "http://127.0.0.1:" + dead,
            Duration.ofSeconds(3));

    long start = System.nanoTime();
    List<ReadinessResult> results = ParallelReadiness.awaitAll(ReadinessPlan.checksFor(targets));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(results.get(0).ready(), results.get(0)::toString);
    ReadinessResult connect = results.get(1);
    assertFalse(connect.ready());
    assertEquals("127.0.0.1 cannot be reached on port " + dead + ".", connect.reason());
    assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0, "waited the timeout: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "did not wait much longer: " + took);
    assertTrue(
        ParallelReadiness.describe(connect)
            .startsWith("NOT READY: Kafka Connect at http://127.0.0.1:" + dead + "/ after "),
        ParallelReadiness.describe(connect));
  }

  @Test
  void moreBrokersThanTheClusterHasIsNotReady() throws Exception {
    VerifyTargets targets =
        targets(
            null, kafka.bootstrapServers("PLAINTEXT"), 2, null, null, null, Duration.ofSeconds(3));

    ReadinessResult result = ParallelReadiness.awaitAll(ReadinessPlan.checksFor(targets)).get(0);

    assertFalse(result.ready());
    assertTrue(result.reason().contains("Expected 2 brokers but found only 1"), result.reason());
  }

  @Test
  void refusesSettingsThatCannotWork() {
    Duration timeout = Duration.ofSeconds(1);
    assertMessage("nothing to verify", targets(null, null, 1, null, null, null, timeout));
    assertMessage(
        "cp-image.schemaRegistry=ftp://sr:8081 must start with http:// or https://",
        targets(null, null, 1, null, "ftp://sr:8081", null, timeout));
    assertMessage(
        "cp-image.schemaRegistry=http://sr:8081/subjects has a path",
        targets(null, null, 1, null, "http://sr:8081/subjects", null, timeout));
    assertMessage(
        "cp-image.clientConfig: cannot read",
        targets(
            null, "127.0.0.1:9092", 1, temp.resolve("missing.properties"), null, null, timeout));
    assertMessage(
        "cp-image.clientConfig is set but cp-image.bootstrapServers is not",
        targets(null, null, 1, temp.resolve("client.properties"), null, null, timeout));
    assertMessage(
        "cp-image.expectedBrokers must be at least 1, got 0: set it to the number of brokers",
        targets(null, "127.0.0.1:9092", 0, null, null, null, timeout));
  }

  private static void assertMessage(String expected, VerifyTargets targets) {
    VerifyException e = assertThrows(VerifyException.class, () -> ReadinessPlan.checksFor(targets));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static VerifyTargets targets(
      String zk,
      String bootstrap,
      int brokers,
      Path clientConfig,
      String schemaRegistry,
      String connect,
      Duration timeout) {
    return new VerifyTargets(
        zk, bootstrap, brokers, clientConfig, schemaRegistry, null, connect, List.of(), timeout);
  }
}
