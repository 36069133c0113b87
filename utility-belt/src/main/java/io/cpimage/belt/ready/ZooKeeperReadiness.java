package io.cpimage.belt.ready;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Waits until a ZooKeeper ensemble accepts a client session, as Confluent's {@code cub zk-ready}
 * does.
 *
 * <pre>{@code
 * ReadinessResult result =
 *     ZooKeeperReadiness.forConnectString("zookeeper:2181")
 *         .withTimeout(Duration.ofSeconds(40))
 *         .await();
 * }</pre>
 *
 * <p>SASL: the ZooKeeper client reads its JAAS configuration from the JVM (the {@code
 * java.security.auth.login.config} system property); {@link #forSaslAuthentication()} makes the
 * check wait for the {@code SaslAuthenticated} event instead of a plain connection.
 */
public final class ZooKeeperReadiness implements ReadinessCheck {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(40);

  private final String connectString;
  private final Duration timeout;
  private final Map<String, String> clientProperties;
  private final boolean awaitSasl;

  private ZooKeeperReadiness(
      String connectString,
      Duration timeout,
      Map<String, String> clientProperties,
      boolean awaitSasl) {
    this.connectString = connectString;
    this.timeout = timeout;
    this.clientProperties = clientProperties;
    this.awaitSasl = awaitSasl;
  }

  /**
   * A check of the ensemble named by a ZooKeeper connect string ({@code host:port[,...][/chroot]}).
   */
  public static ZooKeeperReadiness forConnectString(String connectString) {
    return new ZooKeeperReadiness(
        Objects.requireNonNull(connectString, "connectString"), DEFAULT_TIMEOUT, Map.of(), false);
  }

  /** How long to wait in total (default 40 s, Confluent's usual value). */
  public ZooKeeperReadiness withTimeout(Duration timeout) {
    return new ZooKeeperReadiness(
        connectString, Objects.requireNonNull(timeout, "timeout"), clientProperties, awaitSasl);
  }

  /**
   * ZooKeeper client settings ({@code ZKClientConfig} keys, e.g. {@code zookeeper.sasl.client}).
   */
  public ZooKeeperReadiness withClientProperties(Map<String, String> clientProperties) {
    return new ZooKeeperReadiness(connectString, timeout, Map.copyOf(clientProperties), awaitSasl);
  }

  /** Waits for SASL authentication to succeed, not just for a connection. */
  public ZooKeeperReadiness forSaslAuthentication() {
    return new ZooKeeperReadiness(connectString, timeout, clientProperties, true);
  }

  @Override
  public String service() {
    return "ZooKeeper at " + connectString;
  }

  @Override
  public ReadinessResult await() {
    return TimedWait.await(
        service(),
        timeout,
        // A session that opens (and, with SASL, authenticates) means ready; it is closed again.
        deadline -> {
          if (plainSession()) {
            ZooKeeperHandshake.await(connectString, deadline);
          } else {
            ZooKeeperConnection.open(connectString, clientProperties, awaitSasl, deadline).close();
          }
        });
  }

  /**
   * Whether the session needs no more than a plain socket: no SASL authentication to wait for and
   * no TLS, which the ZooKeeper client takes from its properties or the system properties ({@code
   * KAFKA_OPTS}). A client with a JAAS file that does not wait for SASL is connected before it
   * authenticates, as the handshake is.
   */
  private boolean plainSession() {
    String secure =
        clientProperties.getOrDefault(
            ZKClientConfig.SECURE_CLIENT,
            System.getProperty(ZKClientConfig.SECURE_CLIENT, "false"));
    return !awaitSasl && !Boolean.parseBoolean(secure.trim());
  }
}
