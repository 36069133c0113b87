package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/** A ZooKeeper client session that is known to be connected (and authenticated, if asked). */
final class ZooKeeperConnection implements AutoCloseable {

  /**
   * ZooKeeper 3.9 clients refuse SASL DIGEST-MD5 in FIPS mode, their default. The 3.8 clients in
   * Confluent's images had no such mode, so it is off unless a system property or the client
   * properties turn it on.
   */
  private static final String FIPS_MODE = "zookeeper.fips-mode";

  private final ZooKeeper client;

  private ZooKeeperConnection(ZooKeeper client) {
    this.client = client;
  }

  /**
   * Connects and waits for {@code SyncConnected}, or for {@code SaslAuthenticated} when {@code
   * awaitSasl}; an {@code AuthFailed} event ends the wait at once, since retrying cannot fix
   * credentials.
   */
  static ZooKeeperConnection open(
      String connectString,
      Map<String, String> clientProperties,
      boolean awaitSasl,
      Deadline deadline)
      throws NotReadyException, InterruptedException {
    CompletableFuture<String> failure = new CompletableFuture<>();
    ZKClientConfig config = new ZKClientConfig();
    if (System.getProperty(FIPS_MODE) == null) {
      config.setProperty(FIPS_MODE, "false");
    }
    clientProperties.forEach(config::setProperty);
    int sessionTimeoutMs = (int) Math.max(1, deadline.remaining().toMillis());
    ZooKeeper client;
    try {
      client =
          new ZooKeeper(
              connectString,
              sessionTimeoutMs,
              event -> {
                KeeperState state = event.getState();
                if (state == KeeperState.SaslAuthenticated
                    || (state == KeeperState.SyncConnected && !awaitSasl)) {
                  failure.complete(null);
                } else if (state == KeeperState.AuthFailed) {
                  failure.complete(
                      "Error occurred while connecting to Zookeeper server["
                          + connectString
                          + "]. Authentication failed.");
                }
              },
              config);
    } catch (IOException | IllegalArgumentException e) {
      throw new NotReadyException(
          "Cannot connect to Zookeeper server [" + connectString + "]: " + e.getMessage());
    }
    boolean connected = false;
    try {
      String reason = failure.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
      if (reason != null) {
        throw new NotReadyException(reason);
      }
      connected = true;
      return new ZooKeeperConnection(client);
    } catch (TimeoutException e) {
      throw new NotReadyException(
          "Timed out waiting for connection to Zookeeper server [" + connectString + "].");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the connection watcher never fails", e);
    } finally {
      if (!connected) {
        client.close();
      }
    }
  }

  ZooKeeper client() {
    return client;
  }

  /**
   * Ends the session and returns once the server has confirmed that: the client's state turns
   * {@code CLOSED} when the reply to its close request has come. It does not wait for the client's
   * thread to finish its socket clean-up, a fixed 100 ms sleep in the NIO client that the check
   * would otherwise add to every boot; that thread finishes by itself, or ends with the JVM.
   */
  @Override
  public void close() throws InterruptedException {
    Thread closing =
        new Thread(
            () -> {
              try {
                client.close();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "zookeeper-session-close");
    closing.setDaemon(true);
    closing.start();
    while (closing.isAlive() && client.getState().isAlive()) {
      closing.join(1);
    }
  }
}
