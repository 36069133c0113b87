package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import org.junit.jupiter.api.Test;

/** Command-line shapes and exit codes that image scripts rely on. */
class CubUsageTest {

  @Test
  void withoutArgumentsPrintsHelpOnStdoutAndFails() {
    CubRun run = cub();

    assertEquals(1, run.exitCode(), run::toString);
    for (String command :
        new String[] {
          "zk-ready",
          "kafka-ready",
          "sr-ready",
          "kr-ready",
          "connect-ready",
          "listeners",
          "ensure-topic"
        }) {
      assertTrue(run.out().contains(command), run::toString);
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    CubRun run = cub("ksql-ready", "localhost", "8088", "10");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("ksql-ready"), run::toString);
  }

  @Test
  void kafkaReadyNeedsBootstrapOrZooKeeper() {
    CubRun run = cub("kafka-ready", "1", "10");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("-b"), run::toString);
  }

  @Test
  void kafkaReadyTakesBootstrapOrZooKeeperNotBoth() {
    CubRun run = cub("kafka-ready", "1", "10", "-b", "localhost:9092", "-z", "localhost:2181");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("mutually exclusive"), run::toString);
  }

  @Test
  void kafkaReadyNeedsAtLeastOneBroker() {
    CubRun run = cub("kafka-ready", "0", "10", "-b", "localhost:9092");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("expected_brokers"), run::toString);
  }

  @Test
  void httpChecksNeedANumericPort() {
    CubRun run = cub("sr-ready", "localhost", "http", "10");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("port"), run::toString);
  }
}
