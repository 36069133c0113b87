package io.cpimage.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Confluent's build tests check: the boot scripts are executable, dub and cub are installed,
 * the JRE is 17, and each command-line tool on the PATH prints its usage and exits 1 without
 * arguments.
 */
@ExtendWith(DockerRequired.class)
class ImageContentsIT {
  /** A tool and a piece of the text it prints without arguments. */
  private static final Map<String, String> KAFKA_TOOLS =
      Map.of(
          "kafka-topics", "Create, delete, describe, or change a topic.",
          "kafka-console-producer", "Missing required option(s) [bootstrap-server]",
          "kafka-console-consumer", "This tool helps to read data from Kafka topics",
          "kafka-consumer-groups", "This tool helps to list all consumer groups",
          "kafka-configs", "This tool helps to manipulate and describe entity config",
          "kafka-acls", "This tool helps to manage acls on kafka.",
          "kafka-storage", "usage: kafka-storage",
          "kafka-server-start", "USAGE: /usr/bin/kafka-server-start server.properties",
          "connect-distributed",
              "USAGE: /usr/bin/connect-distributed connect-distributed.properties",
          "zookeeper-shell", "USAGE: /usr/bin/zookeeper-shell zookeeper_host:port");

  private static final Map<String, String> ZOOKEEPER_TOOLS =
      Map.of(
          "zookeeper-server-start", "USAGE: /usr/bin/zookeeper-server-start zookeeper.properties",
          "zookeeper-shell", "USAGE: /usr/bin/zookeeper-shell zookeeper_host:port");

  @Test
  void kafkaToolsPrintTheirUsage() {
    assertToolsPrintUsage(Images.KAFKA, KAFKA_TOOLS);
  }

  @Test
  void zooKeeperToolsPrintTheirUsage() {
    assertToolsPrintUsage(Images.ZOOKEEPER, ZOOKEEPER_TOOLS);
  }

  @Test
  void connectImageHasTheKafkaToolsToo() {
    assertToolsPrintUsage(
        Images.KAFKA_CONNECT,
        Map.of("connect-distributed", KAFKA_TOOLS.get("connect-distributed")));
  }

  @Test
  void bootScriptsUtilityBeltAndJava() {
    for (Images image : Images.values()) {
      OneShot.Result result =
          OneShot.of(image)
              .bash(
                  "for f in run configure ensure launch; do test -x /etc/confluent/docker/$f || echo \"not executable: $f\"; done;"
                      + " test -x /usr/local/bin/dub && test -x /usr/local/bin/cub || echo 'no dub/cub';"
                      + " java -version 2>&1 | head -n 1; id -un")
              .run();

      assertEquals(0, result.exitCode(), result.output());
      assertTrue(
          !result.output().contains("not executable") && !result.output().contains("no dub"),
          result.output());
      assertTrue(result.output().contains("openjdk version \"17."), result.output());
      assertTrue(result.output().contains("appuser"), image + ": " + result.output());
    }
  }

  /** Confluent's user: uid 1000, primary group appuser (1000), and a member of group 0. */
  @Test
  void runAsAppuserUid1000ByDefault() {
    for (Images image : Images.values()) {
      OneShot.Result result = OneShot.of(image).bash("id -un; id -u; id -g; id -G").run();

      assertEquals(0, result.exitCode(), result.output());
      List<String> lines = result.output().lines().toList();
      assertEquals(List.of("appuser", "1000", "1000"), lines.subList(0, 3), image + ": " + lines);
      assertTrue(List.of(lines.get(3).split(" ")).contains("0"), image + " groups: " + lines);
    }
  }

  private static void assertToolsPrintUsage(Images image, Map<String, String> tools) {
    StringBuilder script = new StringBuilder();
    for (String tool : tools.keySet()) {
      script.append(
          String.format(
              "%1$s > /tmp/out 2>&1; code=$?; echo '@@begin %1$s'; cat /tmp/out; echo \"@@end %1$s $code\"; ",
              tool));
    }
    OneShot.Result result = OneShot.of(image).bash(script.toString()).run();

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
          tool.getKey() + " printed: " + output);
      assertEquals(
          "1", exitCodes.get(tool.getKey()), tool.getKey() + " exit code; it printed: " + output);
    }
  }
}
