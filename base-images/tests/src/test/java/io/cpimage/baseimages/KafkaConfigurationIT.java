package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cp-kafka's configure step on the Kafka 3.9 line ({@link Kafka4ConfigurationIT} for Kafka 4), as
 * Confluent's "failing config" and "config" scenarios: a missing mandatory or a deprecated variable
 * stops the container with exit 1 and a message naming it; the rendered files hold exactly the
 * expected properties (helper, heap, log4j and JMX variables never become broker properties). The
 * steps both lines share (deprecated listener variables, SSL and SASL secrets, arguments, TRACE)
 * are checked here once.
 */
@ExtendWith(DockerRequired.class)
class KafkaConfigurationIT {
  private static final String CONFIGURE_AND_PRINT =
      "/etc/confluent/docker/configure && "
          + RenderedFiles.printCommand(
              "/etc/kafka/kafka.properties",
              "/etc/kafka/log4j.properties",
              "/etc/kafka/tools-log4j.properties");
  private static final Map<String, String> ZOOKEEPER_MODE =
      Map.of(
          "KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181/defaultconfig",
          "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://default-config:9092");

  static Stream<Arguments> failingConfigs() {
    return Stream.of(
        Arguments.of(Map.of("KAFKA_BROKER_ID", "1"), "KAFKA_ZOOKEEPER_CONNECT is required."),
        Arguments.of(
            Map.of("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181"),
            "KAFKA_ADVERTISED_LISTENERS is required."),
        Arguments.of(
            with(ZOOKEEPER_MODE, "KAFKA_ADVERTISED_PORT", "9092"),
            "advertised.port is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead."),
        Arguments.of(
            with(ZOOKEEPER_MODE, "KAFKA_ADVERTISED_HOST", "foo"),
            "advertised.host is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead."),
        Arguments.of(
            with(ZOOKEEPER_MODE, "KAFKA_PORT", "9092"),
            "port is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead."),
        Arguments.of(
            with(ZOOKEEPER_MODE, "KAFKA_HOST", "foo"),
            "host is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead."),
        Arguments.of(Map.of("KAFKA_PROCESS_ROLES", "broker"), "CLUSTER_ID is required."),
        Arguments.of(
            Map.of("KAFKA_PROCESS_ROLES", "broker", "CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID),
            "KAFKA_ADVERTISED_LISTENERS is required."),
        Arguments.of(
            Map.of(
                "KAFKA_PROCESS_ROLES", "controller",
                "CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID,
                "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://controller:9092"),
            "KAFKA_ADVERTISED_LISTENERS is not supported on a KRaft controller."),
        Arguments.of(
            Map.of(
                "KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181",
                "KAFKA_ADVERTISED_LISTENERS", "SASL_PLAINTEXT://sasl:9092"),
            "KAFKA_OPTS is required."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failingConfigs")
  void failingConfigExitsWithItsMessage(Map<String, String> env, String message) {
    OneShot.Result result = OneShot.of(Images.KAFKA, Line.KAFKA_3).env(env).run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(message), result.output());
  }

  static Stream<Arguments> sslFailingConfigs() {
    return Stream.of(
        Arguments.of(0, "KAFKA_SSL_KEYSTORE_FILENAME is required."),
        Arguments.of(1, "KAFKA_SSL_KEY_CREDENTIALS is required."),
        Arguments.of(2, "KAFKA_SSL_KEYSTORE_CREDENTIALS is required."),
        Arguments.of(3, "KAFKA_SSL_TRUSTSTORE_FILENAME is required."),
        Arguments.of(4, "KAFKA_SSL_TRUSTSTORE_CREDENTIALS is required."));
  }

  /** Each SSL helper variable in turn: the first {@code given} are set, the next one is missing. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("sslFailingConfigs")
  void sslNeedsEachSecretHelper(int given, String message) {
    String[][] helpers = {
      {"KAFKA_SSL_KEYSTORE_FILENAME", "kafka.keystore.jks"},
      {"KAFKA_SSL_KEY_CREDENTIALS", "key_creds"},
      {"KAFKA_SSL_KEYSTORE_CREDENTIALS", "keystore_creds"},
      {"KAFKA_SSL_TRUSTSTORE_FILENAME", "kafka.truststore.jks"},
    };
    OneShot oneShot =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .env("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
            .env("KAFKA_ADVERTISED_LISTENERS", "SSL://ssl:9092")
            .env("KAFKA_SSL_CLIENT_AUTH", "required");
    for (int i = 0; i < given; i++) {
      oneShot.env(helpers[i][0], helpers[i][1]).file("/etc/kafka/secrets/" + helpers[i][1], "x");
    }

    OneShot.Result result = oneShot.run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains("SSL is enabled."), result.output());
    assertTrue(result.output().contains(message), result.output());
  }

  @Test
  void argumentsOverrideTheEnvironment() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .command("/etc/confluent/docker/run", "KAFKA_ZOOKEEPER_CONNECT=zookeeper:2181")
            .run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("===> Overriding env params with args ..."), result.output());
    assertTrue(
        result.output().contains("KAFKA_ADVERTISED_LISTENERS is required."), result.output());
  }

  /** configure fails, naming the file, when it cannot write the configuration directory. */
  @Test
  void unwritableConfigDirectoryFailsNamingTheFile() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .env(ZOOKEEPER_MODE)
            .bash("chmod 555 /etc/kafka && /etc/confluent/docker/configure")
            .run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains("/etc/kafka/kafka.properties"), result.output());
  }

  /** Tracing is opt-in and announces that it prints secrets. */
  @Test
  void traceTrueTracesTheScriptsWithAWarning() {
    OneShot.Result traced = OneShot.of(Images.KAFKA, Line.KAFKA_3).env("TRACE", "true").run();
    OneShot.Result quiet = OneShot.of(Images.KAFKA, Line.KAFKA_3).run();

    assertTrue(
        traced.output().contains("WARNING: TRACE=true prints every command"), traced.output());
    assertTrue(traced.output().contains("+ dub ensure KAFKA_ZOOKEEPER_CONNECT"), traced.output());
    assertTrue(!quiet.output().contains("+ dub ensure"), quiet.output());
  }

  @Test
  void defaultConfig() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3).env(ZOOKEEPER_MODE).bash(CONFIGURE_AND_PRINT).run();

    RenderedFiles files = RenderedFiles.printedBy(result);
    files.assertGolden("/etc/kafka/kafka.properties", "kafka-default.properties");
    files.assertGolden("/etc/kafka/log4j.properties", "kafka-default-log4j.properties");
    files.assertGolden("/etc/kafka/tools-log4j.properties", "tools-default-log4j.properties");
  }

  /** Every variable the image itself reads is set: none of them may reach kafka.properties. */
  @Test
  void fullConfigKeepsImageVariablesOutOfTheBrokerProperties() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .env(ZOOKEEPER_MODE)
            .env("KAFKA_BROKER_ID", "1")
            .env("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .env("KAFKA_LOG4J_LOGGERS", "kafka.controller=WARN,kafka.foo.bar=DEBUG")
            .env("KAFKA_LOG4J_ROOT_LOGLEVEL", "WARN")
            .env("KAFKA_TOOLS_LOG4J_LOGLEVEL", "ERROR")
            .env("KAFKA_HEAP_OPTS", "-Xmx300m")
            .env("KAFKA_LOG4J_OPTS", "-Dlog4j.debug=false")
            .env("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseG1GC")
            .env("KAFKA_GC_LOG_OPTS", "-Xlog:gc")
            .env("KAFKA_OPTS", "-Dfoo=bar")
            .env("KAFKA_JMX_OPTS", "-Dcom.sun.management.jmxremote.rmi.port=9999")
            .env("KAFKA_JMX_PORT", "9999")
            .env("KAFKA_JMX_HOSTNAME", "full-config")
            .env("KAFKA_CUB_ZK_TIMEOUT", "30")
            .env("KAFKA_DATA_DIRS", "/var/lib/kafka/data")
            .env("KAFKA_EMPTY_VALUE", "")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    RenderedFiles files = RenderedFiles.printedBy(result);
    files.assertGolden("/etc/kafka/kafka.properties", "kafka-full.properties");
    files.assertGolden("/etc/kafka/log4j.properties", "kafka-full-log4j.properties");
    files.assertGolden("/etc/kafka/tools-log4j.properties", "tools-full-log4j.properties");
  }

  /** The SSL helpers become locations and passwords; the helpers themselves are not rendered. */
  @Test
  void sslConfigTurnsSecretHelpersIntoLocationsAndPasswords() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .env("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181/ssl")
            .env("KAFKA_ADVERTISED_LISTENERS", "SSL://ssl-config:9092")
            .env("KAFKA_SECURITY_INTER_BROKER_PROTOCOL", "SSL")
            .env("KAFKA_SSL_CLIENT_AUTH", "requested")
            .env("KAFKA_SSL_KEYSTORE_FILENAME", "kafka.keystore.jks")
            .env("KAFKA_SSL_KEY_CREDENTIALS", "key_creds")
            .env("KAFKA_SSL_KEYSTORE_CREDENTIALS", "keystore_creds")
            .env("KAFKA_SSL_TRUSTSTORE_FILENAME", "kafka.truststore.jks")
            .env("KAFKA_SSL_TRUSTSTORE_CREDENTIALS", "truststore_creds")
            .file("/etc/kafka/secrets/kafka.keystore.jks", "not read by configure")
            .file("/etc/kafka/secrets/kafka.truststore.jks", "not read by configure")
            .file("/etc/kafka/secrets/key_creds", "confluent")
            .file("/etc/kafka/secrets/keystore_creds", "confluent-ks")
            .file("/etc/kafka/secrets/truststore_creds", "confluent-ts")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    RenderedFiles.printedBy(result)
        .assertGolden("/etc/kafka/kafka.properties", "kafka-ssl.properties");
  }

  @Test
  void kraftControllerConfig() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_3)
            .env("KAFKA_PROCESS_ROLES", "controller")
            .env("KAFKA_NODE_ID", "1")
            .env("CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID)
            .env("KAFKA_LISTENERS", "CONTROLLER://0.0.0.0:9093")
            .env("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .env("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@controller-1:9093")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    RenderedFiles files = RenderedFiles.printedBy(result);
    assertTrue(result.output().contains("===> Running in KRaft mode..."), result.output());
    files.assertGolden("/etc/kafka/kafka.properties", "kafka-kraft-controller.properties");
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
