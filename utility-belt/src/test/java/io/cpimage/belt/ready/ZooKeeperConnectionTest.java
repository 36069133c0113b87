package io.cpimage.belt.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.wait.Deadline;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing a check's ZooKeeper session, against a real ZooKeeper 3.9 server. */
class ZooKeeperConnectionTest {

  @Test
  void closeEndsTheSessionOnTheServerWithoutWaitingForTheClientsSocketCleanUp() throws Exception {
    try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start()) {
      ZooKeeperConnection connection =
          ZooKeeperConnection.open(
              zooKeeper.connectString(), Map.of(), false, Deadline.after(Duration.ofSeconds(10)));
      assertEquals(1, zooKeeper.sessionCount());

      connection.close();

      // The server answers the close request once the session is gone.
      assertEquals(0, zooKeeper.sessionCount());
      // The client's thread still sleeps through its fixed 100 ms clean-up: close did not wait.
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(
                  thread ->
                      thread.getName().contains("SendThread(" + zooKeeper.connectString())
                          && thread.isAlive()),
          "close() waited for the client's thread to end");
    }
  }
}
