package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedKafka;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cub ensure-topic} against a real Kafka 3.9.1 broker. */
class EnsureTopicCommandTest {

  @TempDir static Path directory;

  private static EmbeddedZooKeeper zooKeeper;
  private static EmbeddedKafka kafka;
  private static Admin admin;
  private static Path clientConfig;

  @BeforeAll
  static void startBroker() throws Exception {
    zooKeeper = EmbeddedZooKeeper.start();
    kafka = EmbeddedKafka.start(zooKeeper.connectString(), 1, Map.of());
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers("PLAINTEXT")));
    clientConfig =
        Files.writeString(
            directory.resolve("admin.properties"),
            "bootstrap.servers=" + kafka.bootstrapServers("PLAINTEXT") + "\n");
    admin.createTopics(List.of(new NewTopic("existing", 2, (short) 1))).all().get();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (zooKeeper != null) {
      zooKeeper.close();
    }
  }

  private static Path topics(String name, String yaml) throws Exception {
    return Files.writeString(directory.resolve(name + ".yaml"), yaml);
  }

  private static CubRun ensure(Path file, String... flags) {
    String[] args = new String[3 + flags.length + 1];
    args[0] = "ensure-topic";
    args[1] = clientConfig.toString();
    args[2] = file.toString();
    args[3] = "20";
    System.arraycopy(flags, 0, args, 4, flags.length);
    return cub(args);
  }

  @Test
  void createsMissingTopicsFromTheSpecThenValidatesThem() throws Exception {
    Path file =
        topics(
            "create",
            """
            topics:
              - name: _schemas
                partitions: 1
                replicationFactor: 1
                config:
                  cleanup.policy: compact
              - name: events
                partitions: 3
                replicationFactor: 1
            """);

    CubRun created = ensure(file, "--create_if_not_exists");

    assertEquals(0, created.exitCode(), created::toString);
    TopicDescription events =
        admin.describeTopics(List.of("events")).allTopicNames().get().get("events");
    assertEquals(3, events.partitions().size());
    ConfigResource schemas = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
    assertEquals(
        "compact",
        admin
            .describeConfigs(List.of(schemas))
            .all()
            .get()
            .get(schemas)
            .get("cleanup.policy")
            .value());

    CubRun validated = ensure(file);

    assertEquals(0, validated.exitCode(), validated::toString);
  }

  @Test
  void reportsEveryMismatchOfAnExistingTopic() throws Exception {
    Path file =
        topics(
            "mismatch",
            """
            topics:
              - name: existing
                partitions: 4
                replicationFactor: 1
                config:
                  cleanup.policy: compact
            """);

    CubRun run = ensure(file, "--create_if_not_exists");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(
        run.err().contains("Invalid topic [ existing ] ! Expected 4 partitions but got 2."),
        run::toString);
    assertTrue(
        run.err()
            .contains(
                "Invalid topic [ existing ] ! Expected cleanup.policy=compact but got"
                    + " cleanup.policy=delete."),
        run::toString);
  }

  @Test
  void aMissingTopicFailsEvenWhenALaterTopicIsFine() throws Exception {
    // Confluent's ensure-topic exited 0 here: its exit code came from the last topic only.
    Path file =
        topics(
            "missing-first",
            """
            topics:
              - name: never-created
                partitions: 1
                replicationFactor: 1
              - name: existing
                partitions: 2
                replicationFactor: 1
            """);

    CubRun run = ensure(file);

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(
        "Topic [ never-created ] does not exist. Create it, or pass --create_if_not_exists.",
        run.err().strip());
    assertFalse(
        admin.listTopics().names().get().contains("never-created"),
        "without --create_if_not_exists nothing is created");
  }

  @Test
  void aBadTopicFileIsNamedWithTheTopicAndTheFix() throws Exception {
    Path file =
        topics(
            "bad",
            """
            topics:
              - name: events
                partitions: three
                replicationFactor: 1
            """);

    CubRun run = ensure(file, "--create_if_not_exists");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains(file.toString()), run::toString);
    assertTrue(run.err().contains("topic [events]"), run::toString);
    assertTrue(run.err().contains("'partitions' as a whole number"), run::toString);
  }

  @Test
  void invalidYamlIsReportedWithItsLine() throws Exception {
    Path file = topics("broken", "topics:\n  - name: [unclosed\n");

    CubRun run = ensure(file);

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith(file + " (line "), run::toString);
  }
}
