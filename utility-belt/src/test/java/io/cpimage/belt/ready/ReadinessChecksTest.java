package io.cpimage.belt.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FakeConfluentService;
import io.cpimage.belt.testing.FreePort;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The readiness library as the plugin's {@code verify-ready} goal uses it: several checks at once,
 * each result telling which service, whether it was ready, after how long, and why not. The HTTP
 * service is a {@link FakeConfluentService} standing in for Schema Registry, which cannot run here.
 */
class ReadinessChecksTest {

  @Test
  void checksRunInParallelAndEachReportsItsOwnOutcome() throws Exception {
    int closed = FreePort.closed();
    try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start();
        FakeConfluentService registry =
            FakeConfluentService.start(
                null,
                null,
                null,
                "/config",
                List.of(FakeConfluentService.SCHEMA_REGISTRY_CONFIG))) {
      List<ReadinessCheck> checks =
          List.of(
              ZooKeeperReadiness.forConnectString(zooKeeper.connectString())
                  .withTimeout(Duration.ofSeconds(10)),
              HttpReadiness.forSchemaRegistry("127.0.0.1", registry.port())
                  .withTimeout(Duration.ofSeconds(10)),
              HttpReadiness.forConnect("127.0.0.1", closed).withTimeout(Duration.ofSeconds(2)));

      List<ReadinessResult> results =
          checks.stream()
              .map(check -> CompletableFuture.supplyAsync(check::await))
              .toList()
              .stream()
              .map(CompletableFuture::join)
              .toList();

      ReadinessResult zk = results.get(0);
      assertTrue(zk.ready(), zk::toString);
      assertEquals("ZooKeeper at " + zooKeeper.connectString(), zk.service());
      assertEquals("", zk.reason());
      ReadinessResult sr = results.get(1);
      assertTrue(sr.ready(), sr::toString);
      assertEquals(
          "Schema Registry at http://127.0.0.1:" + registry.port() + "/config", sr.service());
      ReadinessResult connect = results.get(2);
      assertFalse(connect.ready(), connect::toString);
      assertEquals("127.0.0.1 cannot be reached on port " + closed + ".", connect.reason());
      assertTrue(connect.elapsed().compareTo(Duration.ofSeconds(2)) >= 0, connect::toString);
      assertTrue(zk.elapsed().compareTo(connect.elapsed()) < 0, "each check has its own clock");
    }
  }

  @Test
  void knobsReturnANewCheckAndLeaveTheOriginalAlone() {
    HttpReadiness plain = HttpReadiness.forConnect("connect", 8083);
    HttpReadiness secure = plain.usingTls();

    assertEquals("http://connect:8083/", plain.uri().toString());
    assertEquals("https://connect:8083/", secure.uri().toString());
    assertEquals(
        "https://[::1]:8081/config",
        HttpReadiness.forSchemaRegistry("::1", 8081).usingTls().uri().toString());
  }

  @Test
  void aUrlCheckAsksForThePathAndQueryOnTheSchemesDefaultPort() {
    assertEquals(
        "http://svc:80/health?deep=true",
        HttpReadiness.forUrl(URI.create("http://svc/health?deep=true")).uri().toString());
    assertEquals(
        "https://[::1]:443/", HttpReadiness.forUrl(URI.create("https://[::1]")).uri().toString());
    assertThrows(
        IllegalArgumentException.class, () -> HttpReadiness.forUrl(URI.create("ftp://svc/")));
  }

  @Test
  void serviceNamesSayWhatIsAwaited() {
    assertEquals(
        "Kafka (3 brokers) at kafka-1:9092",
        KafkaReadiness.forBrokers(3).withBootstrapServers("kafka-1:9092").service());
    assertEquals(
        "Kafka (1 broker) registered in ZooKeeper zk:2181",
        KafkaReadiness.forBrokers(1).withZooKeeper("zk:2181").service());
    assertEquals(
        "REST Proxy at http://rest:8082/topics",
        HttpReadiness.forRestProxy("rest", 8082).service());
  }

  @Test
  void impossibleArgumentsAreRejectedWhenTheCheckIsBuilt() {
    assertThrows(IllegalArgumentException.class, () -> KafkaReadiness.forBrokers(0));
    assertThrows(IllegalArgumentException.class, () -> HttpReadiness.forConnect("connect", 0));
  }

  @Test
  void kafkaWithoutAnyBootstrapServersSaysSo() {
    ReadinessResult result =
        KafkaReadiness.forBrokers(1).withTimeout(Duration.ofSeconds(1)).await();

    assertFalse(result.ready());
    assertTrue(result.reason().startsWith("No bootstrap servers"), result::toString);
  }
}
