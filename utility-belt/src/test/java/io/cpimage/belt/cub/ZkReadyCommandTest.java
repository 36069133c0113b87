package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FreePort;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cub zk-ready} (and kafka-ready before any broker registers) against a real ZooKeeper 3.9
 * server.
 */
class ZkReadyCommandTest {

  private static EmbeddedZooKeeper zooKeeper;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    zooKeeper = EmbeddedZooKeeper.start();
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    zooKeeper.close();
  }

  @Test
  void readyWhenZooKeeperAcceptsSessions() {
    int sessions = zooKeeper.sessionCount();

    CubRun run = cub("zk-ready", zooKeeper.connectString(), "10");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.err());
    assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, run::toString);
    // The check's session is closed, not left for the server to expire.
    assertEquals(sessions, zooKeeper.sessionCount());
  }

  @Test
  void aChrootIsNoServerAndAnInvalidOneFailsAtOnce() {
    assertEquals(0, cub("zk-ready", zooKeeper.connectString() + "/kafka", "10").exitCode());

    CubRun run = cub("zk-ready", zooKeeper.connectString() + "/a//b", "10");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.err().startsWith("Cannot connect to Zookeeper server [" + zooKeeper.connectString()),
        run::toString);
    assertTrue(run.err().contains("Invalid path string"), run::toString);
    assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, run::toString);
  }

  @Test
  void readyWithZooKeeperSaslDisabled() {
    CubRun run =
        cub(Map.of("ZOOKEEPER_SASL_ENABLED", "FALSE"), "zk-ready", zooKeeper.connectString(), "10");

    assertEquals(0, run.exitCode(), run::toString);
  }

  @Test
  void timesOutWithConfluentsMessageWhenNothingListens() throws Exception {
    String connect = "127.0.0.1:" + FreePort.closed();

    CubRun run = cub("zk-ready", connect, "2");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(
        "Timed out waiting for connection to Zookeeper server [" + connect + "].",
        run.err().strip());
    assertTrue(run.elapsed().compareTo(Duration.ofMillis(1900)) > 0, run::toString);
    assertTrue(run.elapsed().compareTo(Duration.ofSeconds(6)) < 0, run::toString);
  }

  @Test
  void kafkaReadyThroughZooKeeperWithoutRegisteredBrokersTimesOut() {
    CubRun run = cub("kafka-ready", "1", "2", "-z", zooKeeper.connectString());

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(
        "No broker registered in ZooKeeper under /brokers/ids before the timeout.",
        run.err().strip());
  }

  @Test
  void timeoutMustBeWholeSecondsAsInConfluentsCub() {
    CubRun run = cub("zk-ready", zooKeeper.connectString(), "2.5");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("timeout"), run::toString);
  }
}
