package io.cpimage.belt.cub;

import io.cpimage.belt.ready.KafkaReadiness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cub kafka-ready <n> <timeout> (-b <list> | -z <zk>) [-c <config>] [-s <protocol>]}: waits
 * until the cluster reports at least n brokers.
 */
@Command(
    name = "kafka-ready",
    description = {
      "Waits until the Kafka cluster reports at least expected_brokers brokers. Security settings"
          + " (security.protocol, ssl.*, sasl.*) come from the config file.",
      "Example: cub kafka-ready 3 40 -b kafka-1:9092 -c /etc/kafka/kafka.properties"
    })
final class KafkaReadyCommand implements Callable<Integer> {

  @ParentCommand private Cub cub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "expected_brokers", description = "Brokers to wait for.")
  private int expectedBrokers;

  @Parameters(index = "1", paramLabel = "timeout", description = "Seconds to wait.")
  private int timeoutSeconds;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Cluster cluster;

  /** Exactly one way to find the cluster. */
  static final class Cluster {
    @Option(
        names = {"-b", "--bootstrap_broker_list", "--bootstrap-servers"},
        paramLabel = "BOOTSTRAP",
        description = "Bootstrap brokers, host:port[,...].")
    private String bootstrapServers;

    @Option(
        names = {"-z", "--zookeeper_connect", "--zookeeper-connect"},
        paramLabel = "ZK_CONNECT",
        description = "ZooKeeper connect string; the bootstrap comes from a broker registration.")
    private String zooKeeperConnect;
  }

  @Option(
      names = {"-c", "--config"},
      paramLabel = "CONFIG",
      description = "Kafka client properties file (required unless the protocol is PLAINTEXT).")
  private Path config;

  @Option(
      names = {"-s", "--security_protocol", "--security-protocol"},
      paramLabel = "SECURITY_PROTOCOL",
      defaultValue = "PLAINTEXT",
      description =
          "With -z: the listener whose endpoint to use (a protocol, or a listener name such as"
              + " INTERNAL). Default: ${DEFAULT-VALUE}.")
  private String securityProtocol;

  @Override
  public Integer call() throws IOException {
    return check(
        cub.env(),
        spec.commandLine().getErr(),
        expectedBrokers,
        timeoutSeconds,
        cluster.bootstrapServers,
        cluster.zooKeeperConnect,
        config,
        securityProtocol);
  }

  /**
   * The check itself, for picocli's call and for {@link Shortcut}'s: exactly one of {@code
   * bootstrapServers} and {@code zooKeeperConnect} is set; {@code config} may be null.
   */
  static int check(
      Map<String, String> env,
      PrintWriter err,
      int expectedBrokers,
      int timeoutSeconds,
      String bootstrapServers,
      String zooKeeperConnect,
      Path config,
      String securityProtocol)
      throws IOException {
    if (expectedBrokers < 1) {
      err.println("expected_brokers must be at least 1.");
      return 2;
    }
    if (config == null && !"PLAINTEXT".equals(securityProtocol)) {
      err.println(
          "config is required for all protocols except PLAINTEXT: pass the client properties"
              + " for "
              + securityProtocol
              + " with -c.");
      return 1;
    }
    Map<String, String> clientProperties =
        config == null ? Map.of() : ClientConfigFile.read(config);
    KafkaOpts.applyToThisJvm(env);
    KafkaReadiness check =
        KafkaReadiness.forBrokers(expectedBrokers)
            .withClientProperties(clientProperties)
            .withListener(securityProtocol)
            .withTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds)));
    check =
        bootstrapServers != null
            ? check.withBootstrapServers(bootstrapServers)
            : check.withZooKeeper(zooKeeperConnect);
    return Outcome.exitCode(check.await(), err);
  }
}
