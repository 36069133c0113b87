package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An extension image's own {@code configure}, written for Confluent's images, calls {@code dub
 * ensure}, {@code dub path} and {@code dub template} one by one; our configure chains them into one
 * call, and the image's {@code ensure} checks its data directory in the shell. Both must keep
 * working together: the user's calls check, fail and render as before, and ensure still names an
 * unwritable data directory in dub's words.
 */
@ExtendWith(DockerRequired.class)
class UserConfigureIT {
  private static final String USER_CONFIGURE =
      String.join(
          "\n",
          "#!/usr/bin/env bash",
          ". /etc/confluent/docker/bash-config",
          "dub ensure KAFKA_PROCESS_ROLES",
          "dub ensure CLUSTER_ID",
          "dub path /etc/kafka writable",
          "dub template /etc/confluent/docker/kafka.properties.template /etc/kafka/kafka.properties",
          "dub template /etc/confluent/docker/log4j2.yaml.template /etc/kafka/log4j2.yaml",
          "");
  private static final String CONFIGURE = "/etc/confluent/docker/configure";

  private static Map<String, String> combinedNode() {
    Map<String, String> env = CombinedNode.env("user-configure");
    env.put("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093");
    env.put("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
    return env;
  }

  @Test
  void aConfigureCallingDubVerbByVerbRendersAndTheImagesBootFormatsAndStarts() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_4)
            .env(combinedNode())
            // The node reaches its own controller by the name it advertises.
            .extraHost("user-configure", "127.0.0.1")
            .executable(CONFIGURE, USER_CONFIGURE)
            .bash(
                CONFIGURE
                    + " && /etc/confluent/docker/ensure && cat /etc/kafka/kafka.properties"
                    + " && { /etc/confluent/docker/launch > /tmp/server.log 2>&1 & }"
                    + " && until grep -q 'Kafka Server started' /tmp/server.log; do"
                    + " kill -0 $! || { cat /tmp/server.log; exit 1; }; sleep 0.5; done"
                    + " && ls /var/lib/kafka/data")
            .run();
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("node.id=1"), result.output());
    assertTrue(result.output().contains("meta.properties"), result.output());
  }

  @Test
  void aFailingCallOfTheUsersConfigureStopsTheBootWithDubsMessage() {
    Map<String, String> env = combinedNode();
    env.remove("CLUSTER_ID");
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_4)
            .env(env)
            .executable(CONFIGURE, USER_CONFIGURE)
            .bash(CONFIGURE + " && /etc/confluent/docker/ensure")
            .run();
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains("CLUSTER_ID is required.\nCommand [dub ensure CLUSTER_ID] FAILED !"),
        result.output());
  }

  @Test
  void ensureNamesAnUnwritableDataDirectoryInDubsWords() {
    Map<String, String> env = combinedNode();
    env.put("KAFKA_DATA_DIRS", "/etc/confluent");
    OneShot.Result result =
        OneShot.of(Images.KAFKA, Line.KAFKA_4)
            .env(env)
            .bash("/etc/confluent/docker/configure && /etc/confluent/docker/ensure")
            .run();
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("Command [dub path /etc/confluent writable] FAILED !"),
        result.output());
  }
}
