package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.settings.SettingsCatalogue;
import io.cpimage.belt.settings.SettingsCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The settings catalogue each line's images carry, as read from its Kafka release's own ConfigDefs
 * at build time, with the belt's checker over it; and the check at boot, inside configure's {@code
 * dub template}: warnings, and a failed boot with {@code CP_STRICT_SETTINGS=true}.
 */
@ExtendWith(DockerRequired.class)
class SettingsCheckIT {

  private static final String KAFKA_PROPERTIES = "/etc/kafka/kafka.properties";

  /** A combined KRaft node that configure accepts on both lines. */
  private static Map<String, String> combinedNode() {
    return CombinedNode.env("settings");
  }

  /**
   * The line's broker as {@link #combinedNode()}, with a typo no release knows: {@code
   * KAFKA_ADVERTISED_LISTENER}, for {@code advertised.listeners}.
   */
  private static OneShot nodeWithATypo(Line line) {
    return OneShot.of(Images.KAFKA, line)
        .env(combinedNode())
        .env("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://settings:9092");
  }

  private static SettingsCatalogue catalogueOf(Line line) {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, line).bash("cat " + SettingsCatalogue.IMAGE_PATH).run();
    assertEquals(0, result.exitCode(), result.output());
    return SettingsCatalogue.parse(result.output(), line + " " + SettingsCatalogue.IMAGE_PATH);
  }

  private static List<String> check(SettingsCatalogue catalogue, String variable, String value) {
    return new SettingsCheck(catalogue, List.of()).checkAll(Map.of(variable, value));
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void theCatalogueIsTheLinesReleaseAndKnowsItsSettings(Line line) {
    SettingsCatalogue catalogue = catalogueOf(line);
    String release = "Kafka " + line.kafkaVersion();

    assertEquals(release, catalogue.release());
    assertEquals(
        List.of(
            "`KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which "
                + release
                + " does not know: did you mean `advertised.listeners`?"),
        check(catalogue, "KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://kafka:9092"));
    assertEquals(
        List.of(
            "`KAFKA_NUM_PARTITIONS=three` sets `num.partitions`, which takes an INT (a whole"
                + " number) in "
                + release),
        check(catalogue, "KAFKA_NUM_PARTITIONS", "three"));
    assertEquals(
        List.of(
            "`KAFKA_PROCESS_ROLES=broker,contoller` sets `process.roles`, which takes a LIST of"
                + " broker, controller, comma-separated in "
                + release),
        check(catalogue, "KAFKA_PROCESS_ROLES", "broker,contoller"));
    assertEquals(
        List.of(
            "`CONNECT_PRODUCER_COMPRESION_TYPE` maps to `producer.compresion.type`, which "
                + release
                + "'s producer client does not know: did you mean `producer.compression.type`?"),
        check(catalogue, "CONNECT_PRODUCER_COMPRESION_TYPE", "zstd"));
    assertEquals(
        List.of(
            "`CONNECT_GROUP_ID_` maps to `group.id_`, which the Connect worker of "
                + release
                + " does not know: did you mean `group.id`?"),
        check(catalogue, "CONNECT_GROUP_ID_", "connect"));
    Map<String, String> accepted = new LinkedHashMap<>();
    accepted.put("KAFKA_SUPER_USERS", "User:admin");
    accepted.put("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
    accepted.put("KAFKA_LISTENER_NAME_INTERNAL_SSL_KEYSTORE_LOCATION", "/etc/kafka/k.jks");
    accepted.put(
        "KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG", "org.apache...;");
    accepted.put("KAFKA_SSL_KEYSTORE_PASSWORD_FILE", "/run/secrets/keystore-password");
    accepted.put("KAFKA_HEAP_OPTS", "-Xmx1g");
    accepted.put("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "false");
    accepted.put("CONNECT_CONFIG_PROVIDERS_FILE_CLASS", "org.apache...FileConfigProvider");
    accepted.put("CONNECT_LISTENERS_HTTPS_SSL_KEYSTORE_LOCATION", "/etc/k.jks");
    accepted.put("CONNECT_CONSUMER_MAX_POLL_RECORDS", "100");
    accepted.put("CONNECT_ADMIN_REQUEST_TIMEOUT_MS", "30000");
    accepted.put("CONNECT_CUB_KAFKA_TIMEOUT", "40");
    accepted.put("CONNECT_PLUGIN_PATH", "/usr/share/java");
    assertEquals(List.of(), new SettingsCheck(catalogue, List.of()).checkAll(accepted));
    // ZooKeeper's settings are the 3.9 line's only.
    assertEquals(
        line == Line.KAFKA_3,
        check(catalogue, "KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181").isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void aTypoIsAWarningAtBoot(Line line) {
    OneShot.Result result =
        nodeWithATypo(line)
            .env("KAFKA_NUM_PARTITIONS", "three")
            .bash("/etc/confluent/docker/configure && cat " + KAFKA_PROPERTIES)
            .run();

    assertEquals(0, result.exitCode(), result.output());
    String release = "Kafka " + line.kafkaVersion();
    assertTrue(
        result
            .output()
            .contains(
                "dub template: warning: `KAFKA_ADVERTISED_LISTENER` maps to"
                    + " `advertised.listener`, which "
                    + release
                    + " does not know: did you mean `advertised.listeners`?\n"),
        result.output());
    assertTrue(
        result
            .output()
            .contains(
                "dub template: warning: `KAFKA_NUM_PARTITIONS=three` sets `num.partitions`,"
                    + " which takes an INT (a whole number) in "
                    + release
                    + "\n"),
        result.output());
    assertTrue(result.output().contains("num.partitions=three"), result.output());
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void strictSettingsFailTheBootBeforeAnythingIsWritten(Line line) {
    OneShot.Result result =
        nodeWithATypo(line)
            .env("CP_STRICT_SETTINGS", "true")
            .bash(
                "/etc/confluent/docker/run; code=$?; [ -e "
                    + KAFKA_PROPERTIES
                    + " ] && echo RENDERED; exit $code")
            .run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains("dub template: CP_STRICT_SETTINGS=true: 1 setting refused, nothing written;"),
        result.output());
    assertFalse(result.output().contains("RENDERED"), result.output());
  }

  /** The worker's variables, its clients' prefixes and a plugin's allowed prefix. */
  @Test
  void connectWorkerSettingsAreCheckedAtBoot() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT, Line.KAFKA_4)
            .env("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
            .env("CONNECT_GROUP_ID", "connect")
            .env("CONNECT_CONFIG_STORAGE_TOPIC", "config")
            .env("CONNECT_OFFSET_STORAGE_TOPIC", "offsets")
            .env("CONNECT_STATUS_STORAGE_TOPIC", "status")
            .env("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .env("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
            .env("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
            .env("CONNECT_PRODUCER_COMPRESION_TYPE", "zstd")
            .env("CONNECT_ACME_AUDIT_TOPIC", "audit")
            .env("CP_SETTINGS_ALLOWED_PREFIXES", "acme.")
            .bash("/etc/confluent/docker/configure")
            .run();

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(
        List.of(
            "dub template: warning: `CONNECT_PRODUCER_COMPRESION_TYPE` maps to"
                + " `producer.compresion.type`, which Kafka "
                + Line.KAFKA_4.kafkaVersion()
                + "'s producer client does not know: did you mean `producer.compression.type`?"),
        result.output().lines().filter(l -> l.startsWith("dub template:")).toList(),
        result.output());
  }
}
