package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * cp-kafka's configure step on the Kafka 4 line: the settings Kafka 4 removed (ZooKeeper, the
 * broker id, the message format, the ZooKeeper authorizer) and KRaft's missing mandatory ones stop
 * the boot with exit 1 and a message naming the variable and its replacement; the rendered
 * kafka.properties and log4j2 YAML files hold exactly the expected lines; and a broker applies its
 * log4j2 configuration. The steps the lines share are checked once, on 3.9, in {@link
 * KafkaConfigurationIT}.
 */
@ExtendWith(DockerRequired.class)
class Kafka4ConfigurationIT {
  private static final Line LINE = Line.KAFKA_4;
  private static final String CONFIGURE_AND_PRINT =
      "/etc/confluent/docker/configure && "
          + RenderedFiles.printCommand(
              "/etc/kafka/kafka.properties",
              "/etc/kafka/log4j2.yaml",
              "/etc/kafka/tools-log4j2.yaml");
  private static final String KRAFT_SETTINGS =
      "KAFKA_PROCESS_ROLES, KAFKA_NODE_ID, KAFKA_CONTROLLER_QUORUM_VOTERS and CLUSTER_ID";

  /** A combined KRaft node that boots; each failing case adds or removes one variable. */
  private static Map<String, String> combinedNode() {
    return CombinedNode.env("default-config");
  }

  private static Map<String, String> combinedNodeWith(String name, String value) {
    Map<String, String> env = combinedNode();
    env.put(name, value);
    return env;
  }

  private static Map<String, String> combinedNodeWithout(String name) {
    Map<String, String> env = combinedNode();
    env.remove(name);
    return env;
  }

  static Stream<Arguments> refusedSettings() {
    return Stream.of(
        Arguments.of(
            combinedNodeWith("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181"),
            "KAFKA_ZOOKEEPER_CONNECT is not supported on Kafka 4: Kafka 4 runs in KRaft mode only,"
                + " without ZooKeeper. Remove it and set "
                + KRAFT_SETTINGS
                + " instead."),
        Arguments.of(
            combinedNodeWith("KAFKA_ZOOKEEPER_SESSION_TIMEOUT_MS", "18000"),
            "KAFKA_ZOOKEEPER_SESSION_TIMEOUT_MS is not supported on Kafka 4: Kafka 4 runs in KRaft"
                + " mode only, without ZooKeeper. Remove it and set "
                + KRAFT_SETTINGS
                + " instead."),
        Arguments.of(
            withBrokerIdInsteadOfNodeId(),
            "KAFKA_BROKER_ID is not supported on Kafka 4: in KRaft mode a node's id is"
                + " KAFKA_NODE_ID. Set KAFKA_NODE_ID=7 instead."),
        Arguments.of(
            combinedNodeWith("KAFKA_LOG_MESSAGE_FORMAT_VERSION", "2.8"),
            "KAFKA_LOG_MESSAGE_FORMAT_VERSION is not supported on Kafka 4: Kafka 4 removed"
                + " message.format.version and writes only the current format. Remove it."),
        Arguments.of(
            combinedNodeWith("KAFKA_LOG_MESSAGE_TIMESTAMP_DIFFERENCE_MAX_MS", "60000"),
            "KAFKA_LOG_MESSAGE_TIMESTAMP_DIFFERENCE_MAX_MS is not supported on Kafka 4: Kafka 4"
                + " replaced it. Set KAFKA_LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS and"
                + " KAFKA_LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS instead."),
        Arguments.of(
            combinedNodeWith(
                "KAFKA_AUTHORIZER_CLASS_NAME", "kafka.security.authorizer.AclAuthorizer"),
            "KAFKA_AUTHORIZER_CLASS_NAME=kafka.security.authorizer.AclAuthorizer is not supported"
                + " on Kafka 4: that authorizer kept its ACLs in ZooKeeper. Set"
                + " KAFKA_AUTHORIZER_CLASS_NAME=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
                + " instead."),
        Arguments.of(
            combinedNodeWithout("KAFKA_PROCESS_ROLES"), "KAFKA_PROCESS_ROLES is required."),
        Arguments.of(combinedNodeWithout("CLUSTER_ID"), "CLUSTER_ID is required."),
        Arguments.of(
            combinedNodeWith("KAFKA_PROCESS_ROLES", "controller"),
            "KAFKA_ADVERTISED_LISTENERS is not supported on a KRaft controller."));
  }

  private static Map<String, String> withBrokerIdInsteadOfNodeId() {
    Map<String, String> env = combinedNodeWithout("KAFKA_NODE_ID");
    env.put("KAFKA_BROKER_ID", "7");
    return env;
  }

  /** The message is a line of its own, and the boot stops before anything is rendered. */
  @ParameterizedTest(name = "{1}")
  @MethodSource("refusedSettings")
  void refusedSettingExitsWithItsMessage(Map<String, String> env, String message) {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, LINE)
            .env(env)
            .bash("/etc/confluent/docker/run; code=$?; ls /etc/kafka; exit $code")
            .run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().lines().anyMatch(message::equals), result.output());
    assertFalse(result.output().contains("kafka.properties"), result.output());
  }

  /** KAFKA_BROKER_ID beside KAFKA_NODE_ID is a leftover, not a mistake: it is passed on. */
  @Test
  void brokerIdBesideNodeIdIsAccepted() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, LINE)
            .env(combinedNodeWith("KAFKA_BROKER_ID", "1"))
            .bash(CONFIGURE_AND_PRINT)
            .run();

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(
        RenderedFiles.parse(result.output())
            .of("/etc/kafka/kafka.properties")
            .contains("node.id=1"),
        result.output());
  }

  /** Without KAFKA_LISTENERS the node listens on every interface at each advertised port. */
  @Test
  void listenersAreDerivedFromTheAdvertisedOnes() {
    Map<String, String> env =
        combinedNodeWith(
            "KAFKA_ADVERTISED_LISTENERS",
            "PLAINTEXT://kafka-1:9092,INTERNAL://kafka-1.local:19092");
    env.put(
        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
        "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT");
    OneShot.Result result = OneShot.of(Images.KAFKA, LINE).env(env).bash(CONFIGURE_AND_PRINT).run();

    assertEquals(0, result.exitCode(), result.output());
    List<String> properties =
        RenderedFiles.parse(result.output()).of("/etc/kafka/kafka.properties");
    assertTrue(
        properties.contains("listeners=PLAINTEXT://0.0.0.0:9092,INTERNAL://0.0.0.0:19092"),
        properties.toString());
  }

  @Test
  void defaultConfig() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, LINE).env(combinedNode()).bash(CONFIGURE_AND_PRINT).run();

    assertEquals(0, result.exitCode(), result.output());
    assertRendered(result, "default");
  }

  /**
   * Every variable the image itself reads is set: none of them may reach kafka.properties, and the
   * log4j ones shape the YAML files.
   */
  @Test
  void fullConfigKeepsImageVariablesOutOfTheBrokerProperties() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, LINE)
            .env(combinedNode())
            .env("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .env("KAFKA_LOG4J_LOGGERS", "kafka.controller=WARN,kafka.foo.bar=DEBUG")
            .env("KAFKA_LOG4J_ROOT_LOGLEVEL", "WARN")
            .env("KAFKA_TOOLS_LOG4J_LOGLEVEL", "ERROR")
            .env("KAFKA_HEAP_OPTS", "-Xmx300m")
            .env("KAFKA_LOG4J_OPTS", "-Dlog4j2.debug=false")
            .env("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseG1GC")
            .env("KAFKA_GC_LOG_OPTS", "-Xlog:gc")
            .env("KAFKA_OPTS", "-Dfoo=bar")
            .env("KAFKA_JMX_OPTS", "-Dcom.sun.management.jmxremote.rmi.port=9999")
            .env("KAFKA_JMX_PORT", "9999")
            .env("KAFKA_JMX_HOSTNAME", "full-config")
            .env("KAFKA_DATA_DIRS", "/var/lib/kafka/data")
            .env("KAFKA_EMPTY_VALUE", "")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    assertEquals(0, result.exitCode(), result.output());
    assertRendered(result, "full");
  }

  /**
   * A broker logs as its rendered log4j2.yaml says: the root at WARN hides the INFO lines of every
   * logger but those the template sets lower ({@code kafka}, ...), a logger set to DEBUG prints
   * DEBUG lines, and the command-line tools, the first boot's storage formatter among them, log at
   * KAFKA_TOOLS_LOG4J_LOGLEVEL.
   */
  @Test
  void brokerAppliesItsLog4j2Configuration() {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            KafkaKRaftIT.combinedNode(LINE, network, "kraft")
                .withEnv("KAFKA_LOG4J_ROOT_LOGLEVEL", "WARN")
                .withEnv("KAFKA_LOG4J_LOGGERS", "org.apache.kafka.raft.KafkaRaftClient=DEBUG")
                .withEnv("KAFKA_TOOLS_LOG4J_LOGLEVEL", "DEBUG")) {
      kafka.start();
      List<LogRecord> broker =
          LogRecord.parse(kafka.getLogs().substring(kafka.getLogs().indexOf("===> Launching")));

      assertTrue(
          broker.contains(new LogRecord("DEBUG", "org.apache.kafka.raft.KafkaRaftClient")),
          "no DEBUG line of org.apache.kafka.raft.KafkaRaftClient:\n" + kafka.getLogs());
      List<LogRecord> belowWarn =
          broker.stream()
              .filter(record -> List.of("INFO", "DEBUG", "TRACE").contains(record.level()))
              .filter(record -> !record.logger().equals("org.apache.kafka.raft.KafkaRaftClient"))
              .filter(record -> !isConfluentsLogger(record.logger()))
              .toList();
      assertEquals(List.of(), belowWarn, kafka.getLogs());
      ExecResult tool = kafka.run("kafka-topics", "--bootstrap-server", "kraft:9092", "--list");
      assertEquals(0, tool.getExitCode(), tool.getStderr());
      assertTrue(tool.getStderr().contains("] DEBUG "), tool.getStderr());
    }
  }

  /**
   * The loggers log4j2.yaml.template sets below WARN: {@code kafka} and its children, and one more.
   */
  private static boolean isConfluentsLogger(String logger) {
    return logger.startsWith("kafka.") || logger.equals("state.change.logger");
  }

  /**
   * A log line of the image's pattern, {@code [time] LEVEL message (logger)}, maybe several lines
   * long.
   */
  record LogRecord(String level, String logger) {
    private static final Pattern START =
        Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\d [^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) ");
    private static final Pattern LOGGER = Pattern.compile("\\(([^()\\s]+)\\)\\s*$");

    /** The records of a log, each ending with its logger's name. */
    static List<LogRecord> parse(String log) {
      List<LogRecord> records = new ArrayList<>();
      StringBuilder text = null;
      String level = null;
      for (String line : log.split("\n")) {
        Matcher start = START.matcher(line);
        if (start.find()) {
          add(records, level, text);
          level = start.group(1);
          text = new StringBuilder(line);
        } else if (text != null) {
          text.append('\n').append(line);
        }
      }
      add(records, level, text);
      return records;
    }

    private static void add(List<LogRecord> records, String level, StringBuilder text) {
      if (text != null) {
        Matcher logger = LOGGER.matcher(text);
        records.add(new LogRecord(level, logger.find() ? logger.group(1) : "?"));
      }
    }
  }

  private static void assertRendered(OneShot.Result result, String environment) {
    RenderedFiles files = RenderedFiles.parse(result.output());
    assertEquals(
        RenderedFiles.golden("kafka4-" + environment + ".properties"),
        files.of("/etc/kafka/kafka.properties"));
    assertEquals(
        RenderedFiles.golden("kafka4-" + environment + "-log4j2.yaml"),
        files.of("/etc/kafka/log4j2.yaml"));
    assertEquals(
        RenderedFiles.golden("tools4-" + environment + "-log4j2.yaml"),
        files.of("/etc/kafka/tools-log4j2.yaml"));
  }
}
