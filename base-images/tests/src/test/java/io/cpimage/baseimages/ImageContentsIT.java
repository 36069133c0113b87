package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.DockerClientFactory;

/**
 * What Confluent's build tests check, on each line: the boot scripts are executable, dub and cub
 * are installed, the JRE is the line's (25 on Kafka 4, 17 on 3.9), the images run as appuser and
 * declare their volumes, and each command-line tool on the PATH prints its usage and exits 1
 * without arguments.
 */
@ExtendWith(DockerRequired.class)
class ImageContentsIT {
  private static final String KAFKA_VOLUME = "/var/lib/kafka/data";
  private static final String KAFKA_SECRETS = "/etc/kafka/secrets";

  /** A tool and a piece of the text it prints without arguments, the same on both lines. */
  private static final Map<String, String> KAFKA_TOOLS =
      Map.of(
          "kafka-topics", "Create, delete, describe, or change a topic.",
          "kafka-console-consumer", "This tool helps to read data from Kafka topics",
          "kafka-consumer-groups", "This tool helps to list",
          "kafka-configs", "This tool helps to manipulate and describe entity config",
          "kafka-acls", "This tool helps to manage acls on kafka.",
          "kafka-storage", "usage: kafka-storage",
          "kafka-server-start", "USAGE: /usr/bin/kafka-server-start server.properties",
          "connect-distributed",
              "USAGE: /usr/bin/connect-distributed connect-distributed.properties");

  /** The tools whose usage differs between the lines, and 3.9's zookeeper-shell. */
  private static final Map<Line, Map<String, String>> LINE_TOOLS =
      Map.of(
          Line.KAFKA_4,
          Map.of(
              "kafka-console-producer",
              "This tool helps to read data from standard input and publish it to Kafka."),
          Line.KAFKA_3,
          Map.of(
              "kafka-console-producer", "Missing required option(s) [bootstrap-server]",
              "zookeeper-shell", "USAGE: /usr/bin/zookeeper-shell zookeeper_host:port"));

  private static final Map<String, String> ZOOKEEPER_TOOLS =
      Map.of(
          "zookeeper-server-start", "USAGE: /usr/bin/zookeeper-server-start zookeeper.properties",
          "zookeeper-shell", "USAGE: /usr/bin/zookeeper-shell zookeeper_host:port");

  /** The volumes each image declares, the same on both lines. */
  private static final Map<Images, Set<String>> VOLUMES =
      Map.of(
          Images.ZOOKEEPER,
          Set.of("/var/lib/zookeeper/data", "/var/lib/zookeeper/log", "/etc/zookeeper/secrets"),
          Images.KAFKA,
          Set.of(KAFKA_VOLUME, KAFKA_SECRETS),
          Images.KAFKA_CONNECT,
          Set.of(
              KAFKA_VOLUME,
              KAFKA_SECRETS,
              "/etc/kafka-connect/jars",
              "/etc/kafka-connect/secrets"));

  @ParameterizedTest
  @EnumSource(Line.class)
  void kafkaToolsPrintTheirUsage(Line line) {
    Map<String, String> tools = new LinkedHashMap<>(KAFKA_TOOLS);
    tools.putAll(LINE_TOOLS.get(line));
    assertToolsPrintUsage(Images.KAFKA, line, tools);
  }

  /** Kafka 4 has no ZooKeeper, and so no shell for it. */
  @Test
  void kafka4HasNoZooKeeperShell() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_4)
            .bash("command -v zookeeper-shell || echo 'no zookeeper-shell'")
            .run();

    assertEquals("no zookeeper-shell", result.output().strip());
  }

  @Test
  void zooKeeperToolsPrintTheirUsage() {
    assertToolsPrintUsage(Images.ZOOKEEPER, Line.KAFKA_3, ZOOKEEPER_TOOLS);
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void connectImageHasTheKafkaToolsToo(Line line) {
    assertToolsPrintUsage(
        Images.KAFKA_CONNECT,
        line,
        Map.of("connect-distributed", KAFKA_TOOLS.get("connect-distributed")));
  }

  /**
   * Confluent's boot scripts and user (uid 1000, primary group appuser (1000), and a member of
   * group 0), dub and cub, and the line's JRE.
   */
  @ParameterizedTest
  @EnumSource(Line.class)
  void bootScriptsUtilityBeltJavaAndUser(Line line) {
    for (Images image : line.images()) {
      OneShot.Result result =
          OneShot.of(image, line)
              .bash(
                  "for f in run configure ensure launch; do test -x /etc/confluent/docker/$f || echo \"not executable: $f\"; done;"
                      + " test -x /usr/local/bin/dub && test -x /usr/local/bin/cub || echo 'no dub/cub';"
                      + " java -version 2>&1 | head -n 1; id -un; id -u; id -g; id -G")
              .run();

      assertEquals(0, result.exitCode(), result.output());
      List<String> lines = result.output().lines().toList();
      assertEquals(5, lines.size(), image + ": " + result.output());
      assertTrue(
          lines.get(0).startsWith("openjdk version \"" + line.javaVersion() + "."),
          image + ": " + lines.get(0));
      assertEquals(List.of("appuser", "1000", "1000"), lines.subList(1, 4), image + ": " + lines);
      assertTrue(List.of(lines.get(4).split(" ")).contains("0"), image + " groups: " + lines);
    }
  }

  /**
   * On the Kafka 4 line dub template, ub render-template and cub's readiness checks start from the
   * AOT cache of their group of verbs, which the launchers use only for the jar it was trained
   * with. The JVM's class-load log, through a java on the PATH that asks for it, says where the
   * belt's main class came from: the cache ("shared objects file"), not the jar.
   */
  @Test
  void utilityBeltStartsFromItsAotCachesOnTheKafka4Line() {
    for (Images image : Line.KAFKA_4.images()) {
      OneShot.Result result =
          OneShot.of(image, Line.KAFKA_4)
              .env("KAFKA_NODE_ID", "7")
              .file("/tmp/t.template", "id={{ env['KAFKA_NODE_ID'] }}\n")
              .file("/tmp/t.gotemplate", "id={{ getEnv \"KAFKA_NODE_ID\" \"\" }}\n")
              .executable(
                  "/tmp/logged/java",
                  "#!/bin/sh\nexec \"$JAVA_HOME/bin/java\" -Xlog:class+load:file=/tmp/classes.log"
                      + " \"$@\"\n")
              .bash(
                  "export PATH=/tmp/logged:$PATH;"
                      // Read, then removed: each call's log is its own.
                      + " main() { grep -m 1 ' io.cpimage.belt.Main ' /tmp/classes.log"
                      + " | sed 's/.*source: //'; rm -f /tmp/classes.log*; };"
                      + " dub template /tmp/t.template /tmp/out; echo \"dub: $(cat /tmp/out), $(main)\";"
                      + " echo \"ub: $(ub render-template /tmp/t.gotemplate), $(main)\";"
                      + " cub kafka-ready 1 1 -b localhost:1 2>&1 | head -n 1; echo \"cub: $(main)\"")
              .run();

      assertEquals(
          List.of(
              "dub: id=7, shared objects file",
              "ub: id=7, shared objects file",
              "Expected 1 brokers but found only 0. Brokers found [].",
              "cub: shared objects file"),
          result.output().lines().toList(),
          image + ": a verb's classes did not come from its AOT cache");
    }
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void imagesDeclareTheirVolumes(Line line) {
    for (Images image : line.images()) {
      Map<String, ?> volumes =
          DockerClientFactory.instance()
              .client()
              .inspectImageCmd(line.reference(image))
              .exec()
              .getConfig()
              .getVolumes();

      assertEquals(VOLUMES.get(image), volumes.keySet(), line.reference(image));
    }
  }

  /**
   * The plugin finds the utility belt of cp-base in each image built on it and adds no second copy:
   * each layer once (cp-kafka-connect carried the belt's 32 MB three times).
   */
  @ParameterizedTest
  @EnumSource(Line.class)
  void noImageCarriesALayerTwice(Line line) {
    for (Images image : line.images()) {
      List<String> layers =
          DockerClientFactory.instance()
              .client()
              .inspectImageCmd(line.reference(image))
              .exec()
              .getRootFS()
              .getLayers();
      List<String> twice =
          layers.stream()
              .filter(layer -> layers.indexOf(layer) != layers.lastIndexOf(layer))
              .toList();

      assertEquals(List.of(), twice, line.reference(image) + " has a layer more than once");
    }
  }

  private static void assertToolsPrintUsage(Images image, Line line, Map<String, String> tools) {
    StringBuilder script = new StringBuilder();
    for (String tool : tools.keySet()) {
      script.append(
          String.format(
              "%1$s > /tmp/out 2>&1; code=$?; echo '@@begin %1$s'; cat /tmp/out; echo \"@@end %1$s $code\"; ",
              tool));
    }
    OneShot.Result result = OneShot.of(image, line).bash(script.toString()).run();

    Map<String, String> outputs = new HashMap<>();
    Map<String, String> exitCodes = new HashMap<>();
    Matcher section =
        Pattern.compile("(?s)@@begin (\\S+)\n(.*?)@@end \\1 (\\d+)").matcher(result.output());
    while (section.find()) {
      outputs.put(section.group(1), section.group(2));
      exitCodes.put(section.group(1), section.group(3));
    }
    for (Map.Entry<String, String> tool : tools.entrySet()) {
      String output = outputs.get(tool.getKey());
      assertTrue(
          output != null && output.contains(tool.getValue()),
          line + " " + tool.getKey() + " printed: " + output);
      assertEquals(
          "1",
          exitCodes.get(tool.getKey()),
          line + " " + tool.getKey() + " exit code; it printed: " + output);
    }
  }
}
