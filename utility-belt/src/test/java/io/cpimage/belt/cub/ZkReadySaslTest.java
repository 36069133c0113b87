package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cub zk-ready} with SASL (DIGEST-MD5) against a real ZooKeeper server, the JAAS file named
 * in {@code KAFKA_OPTS} as Confluent's images do. JAAS is JVM-wide, so this class runs in its own
 * JVM (surefire {@code reuseForks=false}) and restores the system properties after each test.
 */
class ZkReadySaslTest {

  @TempDir static Path directory;

  private static EmbeddedZooKeeper zooKeeper;
  private static Properties original;

  @BeforeAll
  static void startZooKeeperWithSasl() throws Exception {
    Path serverJaas =
        Files.writeString(
            directory.resolve("zookeeper-server-jaas.conf"),
            """
            Server {
              org.apache.zookeeper.server.auth.DigestLoginModule required
              user_kafka="kafka-secret";
            };
            """);
    System.setProperty("java.security.auth.login.config", serverJaas.toString());
    System.setProperty(
        "zookeeper.authProvider.sasl",
        "org.apache.zookeeper.server.auth.SASLAuthenticationProvider");
    zooKeeper = EmbeddedZooKeeper.start();
    original = (Properties) System.getProperties().clone();
  }

  @AfterEach
  void restoreSystemProperties() {
    System.setProperties((Properties) original.clone());
    Configuration.setConfiguration(null);
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    if (zooKeeper != null) {
      zooKeeper.close();
    }
  }

  private static Map<String, String> kafkaOptsWithClientPassword(String password) throws Exception {
    Path clientJaas =
        Files.writeString(
            directory.resolve("client-" + password + "-jaas.conf"),
            "Client {\n"
                + "  org.apache.zookeeper.server.auth.DigestLoginModule required\n"
                + "  username=\"kafka\" password=\""
                + password
                + "\";\n};\n");
    return Map.of(
        "KAFKA_OPTS",
        "-Xmx64m -Djava.security.auth.login.config="
            + clientJaas
            + " -Dzookeeper.sasl.client=true");
  }

  @Test
  void readyOnceSaslAuthenticationSucceeds() throws Exception {
    CubRun run =
        cub(
            kafkaOptsWithClientPassword("kafka-secret"),
            "zk-ready",
            zooKeeper.connectString(),
            "20");

    assertEquals(0, run.exitCode(), run::toString);
  }

  @Test
  void wrongPasswordFailsAtOnceWithConfluentsMessage() throws Exception {
    CubRun run =
        cub(kafkaOptsWithClientPassword("wrong"), "zk-ready", zooKeeper.connectString(), "20");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(
        "Error occurred while connecting to Zookeeper server["
            + zooKeeper.connectString()
            + "]. Authentication failed.",
        run.err().strip());
    assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, run::toString);
  }

  @Test
  void zooKeeperSaslDisabledIgnoresTheJaasFileInKafkaOpts() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(kafkaOptsWithClientPassword("wrong"));
    env.put("ZOOKEEPER_SASL_ENABLED", "false");

    CubRun run = cub(env, "zk-ready", zooKeeper.connectString(), "20");

    assertEquals(0, run.exitCode(), run::toString);
  }
}
