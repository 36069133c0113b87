package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Waits until a Kafka cluster reports at least a given number of brokers, as Confluent's {@code cub
 * kafka-ready} does, asking the cluster's metadata with the Admin API.
 *
 * <pre>{@code
 * ReadinessResult result =
 *     KafkaReadiness.forBrokers(3)
 *         .withBootstrapServers("kafka-1:9092")
 *         .withClientProperties(Map.of("security.protocol", "SSL", ...))
 *         .withTimeout(Duration.ofSeconds(40))
 *         .await();
 * }</pre>
 *
 * <p>Unlike Confluent's check, an authentication failure (wrong SASL password, untrusted broker
 * certificate) ends the wait at once with the cause, because waiting longer cannot fix it. The
 * timeout covers the whole check, including the ZooKeeper lookup of {@link #withZooKeeper}.
 */
public final class KafkaReadiness implements ReadinessCheck {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(40);

  private final int expectedBrokers;
  private final String bootstrapServers;
  private final String zooKeeperConnect;
  private final String listener;
  private final Map<String, String> clientProperties;
  private final Duration timeout;

  private KafkaReadiness(
      int expectedBrokers,
      String bootstrapServers,
      String zooKeeperConnect,
      String listener,
      Map<String, String> clientProperties,
      Duration timeout) {
    this.expectedBrokers = expectedBrokers;
    this.bootstrapServers = bootstrapServers;
    this.zooKeeperConnect = zooKeeperConnect;
    this.listener = listener;
    this.clientProperties = clientProperties;
    this.timeout = timeout;
  }

  /** A check that succeeds once the cluster reports at least {@code expectedBrokers} brokers. */
  public static KafkaReadiness forBrokers(int expectedBrokers) {
    if (expectedBrokers < 1) {
      throw new IllegalArgumentException(
          "expected brokers must be at least 1, got " + expectedBrokers);
    }
    return new KafkaReadiness(expectedBrokers, null, null, "PLAINTEXT", Map.of(), DEFAULT_TIMEOUT);
  }

  /**
   * Where to reach the cluster ({@code host:port[,...]}); overrides {@code bootstrap.servers} of
   * the client properties and clears {@link #withZooKeeper}.
   */
  public KafkaReadiness withBootstrapServers(String bootstrapServers) {
    return new KafkaReadiness(
        expectedBrokers,
        Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
        null,
        listener,
        clientProperties,
        timeout);
  }

  /**
   * Finds the cluster through the broker registrations in ZooKeeper (ZooKeeper-mode clusters only),
   * using the listener named by {@link #withListener}; clears {@link #withBootstrapServers}.
   */
  public KafkaReadiness withZooKeeper(String zooKeeperConnect) {
    return new KafkaReadiness(
        expectedBrokers,
        null,
        Objects.requireNonNull(zooKeeperConnect, "zooKeeperConnect"),
        listener,
        clientProperties,
        timeout);
  }

  /**
   * The listener to take from the broker registration in ZooKeeper mode: a security protocol
   * ({@code PLAINTEXT}, the default, {@code SSL}, ...) or a listener name ({@code INTERNAL}).
   */
  public KafkaReadiness withListener(String listener) {
    return new KafkaReadiness(
        expectedBrokers,
        bootstrapServers,
        zooKeeperConnect,
        Objects.requireNonNull(listener, "listener"),
        clientProperties,
        timeout);
  }

  /**
   * Admin client settings, e.g. the {@code security.protocol}, {@code ssl.*} and {@code sasl.*}
   * keys.
   */
  public KafkaReadiness withClientProperties(Map<String, String> clientProperties) {
    return new KafkaReadiness(
        expectedBrokers,
        bootstrapServers,
        zooKeeperConnect,
        listener,
        Map.copyOf(clientProperties),
        timeout);
  }

  /** How long to wait in total (default 40 s). */
  public KafkaReadiness withTimeout(Duration timeout) {
    return new KafkaReadiness(
        expectedBrokers,
        bootstrapServers,
        zooKeeperConnect,
        listener,
        clientProperties,
        Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public String service() {
    String where =
        zooKeeperConnect != null
            ? "registered in ZooKeeper " + zooKeeperConnect
            : "at " + Objects.requireNonNullElse(configuredBootstrap(), "(no bootstrap servers)");
    return "Kafka ("
        + expectedBrokers
        + (expectedBrokers == 1 ? " broker) " : " brokers) ")
        + where;
  }

  private String configuredBootstrap() {
    return bootstrapServers != null
        ? bootstrapServers
        : clientProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  @Override
  public ReadinessResult await() {
    return TimedWait.await(
        service(),
        timeout,
        deadline -> {
          String servers =
              zooKeeperConnect != null ? lookUpInZooKeeper(deadline) : configuredBootstrap();
          if (servers == null) {
            throw new NotReadyException(
                "No bootstrap servers: use withBootstrapServers, set bootstrap.servers in the"
                    + " client properties, or use withZooKeeper.");
          }
          countBrokers(servers, deadline);
        });
  }

  private String lookUpInZooKeeper(Deadline deadline)
      throws NotReadyException, InterruptedException {
    try (ZooKeeperConnection connection =
        ZooKeeperConnection.open(zooKeeperConnect, Map.of(), false, deadline)) {
      return new BrokerRegistrations(connection.client()).endpointOf(listener, deadline);
    }
  }

  private void countBrokers(String servers, Deadline deadline)
      throws NotReadyException, InterruptedException {
    if (clientProperties.isEmpty()) {
      countBrokersOverPlainSockets(servers, deadline);
      return;
    }
    Collection<Node> nodes = List.of();
    String lastError = "";
    try (Admin admin = createAdmin(servers, deadline)) {
      while (true) {
        try {
          DescribeClusterOptions options =
              new DescribeClusterOptions()
                  .timeoutMs((int) deadline.cap(Duration.ofSeconds(30)).toMillis());
          nodes = admin.describeCluster(options).nodes().get();
          if (nodes.size() >= expectedBrokers) {
            return;
          }
          lastError = "";
        } catch (ExecutionException e) {
          // A timed-out request only says that no broker answered, which the count says too.
          if (!(e.getCause() instanceof TimeoutException)) {
            lastError = failureOf(e.getCause());
          }
        }
        if (deadline.expired()) {
          throw new NotReadyException(notEnoughBrokers(nodes, lastError));
        }
        deadline.pauseBeforeRetry();
      }
    }
  }

  /**
   * Counts the brokers as {@link #countBrokers} does, for a client with no settings (a PLAINTEXT
   * listener), asking the bootstrap servers in turn with a {@link PlainMetadataRequest}: what the
   * Admin client would ask, without its start-up. The servers are resolved at each round, as the
   * Admin client resolves them when it is created.
   */
  private void countBrokersOverPlainSockets(String servers, Deadline deadline)
      throws NotReadyException, InterruptedException {
    List<Node> nodes = List.of();
    String lastError = "";
    while (true) {
      try {
        for (InetSocketAddress server : bootstrapAddresses(servers)) {
          try {
            nodes = PlainMetadataRequest.brokers(server, deadline);
            lastError = "";
            break;
          } catch (ConnectException | SocketTimeoutException e) {
            // As with the Admin client: no broker reached says no more than the count does.
          } catch (IOException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
        }
        if (nodes.size() >= expectedBrokers) {
          return;
        }
      } catch (ConfigException e) {
        if (!noneResolves(String.valueOf(e.getMessage()))) {
          throw new NotReadyException("Invalid Kafka client configuration: " + e.getMessage());
        }
        lastError = "none of " + servers + " resolves: " + e.getMessage();
      }
      if (deadline.expired()) {
        throw new NotReadyException(notEnoughBrokers(nodes, lastError));
      }
      deadline.pauseBeforeRetry();
    }
  }

  /**
   * The addresses of {@code bootstrap.servers}, parsed (a list, as its {@code ConfigDef} type says)
   * and resolved as the Kafka client does.
   */
  @SuppressWarnings("unchecked")
  private static List<InetSocketAddress> bootstrapAddresses(String servers) {
    List<String> urls =
        (List<String>)
            ConfigDef.parseType(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConfigDef.Type.LIST);
    return ClientUtils.parseAndValidateAddresses(urls, ClientDnsLookup.USE_ALL_DNS_IPS);
  }

  /**
   * Creates the admin client, retrying while no bootstrap address resolves (containers' DNS names
   * appear with the containers); any other failure is a configuration error that waiting cannot
   * fix.
   */
  private Admin createAdmin(String servers, Deadline deadline)
      throws NotReadyException, InterruptedException {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    while (true) {
      try {
        return Admin.create(config);
      } catch (KafkaException e) {
        String reason = withRootCause(e);
        if (!noneResolves(reason)) {
          throw new NotReadyException("Invalid Kafka client configuration: " + reason);
        }
        if (deadline.expired()) {
          throw new NotReadyException(
              notEnoughBrokers(List.of(), "none of " + servers + " resolves: " + reason));
        }
        deadline.pauseBeforeRetry();
      }
    }
  }

  /**
   * Whether the Kafka client's configuration error says only that no bootstrap name resolves (yet).
   */
  private static boolean noneResolves(String reason) {
    return reason.contains("No resolvable bootstrap urls");
  }

  /** Describes a failed metadata request; throws for failures that retrying cannot fix. */
  private static String failureOf(Throwable cause) throws NotReadyException {
    if (cause instanceof AuthenticationException) {
      throw new NotReadyException(
          "Authentication with Kafka failed: "
              + withRootCause(cause)
              + ". Check the security settings (security.protocol, sasl.*, ssl.truststore.*) in"
              + " the client config.");
    }
    if (cause instanceof AuthorizationException) {
      throw new NotReadyException(
          "Kafka refused the metadata request: "
              + withRootCause(cause)
              + ". Grant the client principal DESCRIBE on the cluster.");
    }
    return cause.getClass().getSimpleName() + ": " + withRootCause(cause);
  }

  /** The message, followed by the innermost cause's when that says more (e.g. why TLS failed). */
  private static String withRootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(failure.getMessage()).strip();
    if (root == failure || root.getMessage() == null || message.contains(root.getMessage())) {
      return message;
    }
    return message + " (" + root.getMessage().strip() + ")";
  }

  private String notEnoughBrokers(Collection<Node> nodes, String lastError) {
    String message =
        "Expected "
            + expectedBrokers
            + " brokers but found only "
            + nodes.size()
            + ". Brokers found "
            + nodes
            + ".";
    return lastError.isEmpty() ? message : message + " Last error: " + lastError;
  }
}
