package io.cpimage.belt.ub;

import static io.cpimage.belt.ub.UbRun.ub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.settings.SampleCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ub render-properties} checks the variables it maps to Kafka settings, as {@code dub
 * template} does, against {@link SampleCatalogue}: a CP 8 style configure gets the same findings.
 */
class RenderPropertiesSettingsCheckTest {

  @TempDir Path dir;
  private Path spec;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void specAndCatalogue() throws IOException {
    spec =
        Files.writeString(
            dir.resolve("kafka-propertiesSpec.json"),
            "{\"prefixes\": {\"KAFKA\": false, \"CONFLUENT\": true},"
                + " \"excludes\": [\"KAFKA_VERSION\"],"
                + " \"renamed\": {\"KAFKA_NUM_PARTITION\": \"num.partitions\"},"
                + " \"excludeWithPrefix\": \"KAFKA_REST_\"}");
    env.put("CP_SETTINGS_CATALOGUE", SampleCatalogue.path().toString());
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
  }

  private UbRun render() {
    return ub(env, "render-properties", spec.toString());
  }

  @Test
  void excludedRenamedAndKeptPrefixVariablesAreNotChecked() {
    env.put("KAFKA_VERSION", "4.4.0");
    env.put("KAFKA_NUM_PARTITION", "3");
    env.put("KAFKA_REST_HOST", "rest");
    env.put("CONFLUENT_METRICS_ENABLE", "false");

    UbRun run = render();

    assertEquals(0, run.code(), run::toString);
    assertEquals("", run.err());
    assertEquals(
        "advertised.listeners=PLAINTEXT://kafka:9092\nconfluent.metrics.enable=false\n"
            + "num.partitions=3\n",
        run.out());
  }

  @Test
  void aTyposWarningLeavesThePropertiesPrinted() {
    env.put("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://kafka:9092");

    UbRun run = render();

    assertEquals(0, run.code(), run::toString);
    assertEquals(
        "ub render-properties: warning: `KAFKA_ADVERTISED_LISTENER` maps to"
            + " `advertised.listener`, which Kafka 4.4.0 does not know: did you mean"
            + " `advertised.listeners`?\n",
        run.err());
    assertTrue(run.out().contains("advertised.listener=PLAINTEXT://kafka:9092\n"), run::toString);
  }

  @Test
  void strictSettingsPrintNothingAndFail() {
    env.put("KAFKA_NUM_PARTITIONS", "three");
    env.put("CP_STRICT_SETTINGS", "true");

    UbRun run = render();

    assertEquals(1, run.code(), run::toString);
    assertEquals("", run.out());
    assertEquals(
        "ub render-properties: `KAFKA_NUM_PARTITIONS=three` sets `num.partitions`, which takes an"
            + " INT (a whole number) in Kafka 4.4.0\n"
            + "ub render-properties: CP_STRICT_SETTINGS=true: 1 setting refused, nothing written;"
            + " fix the variables, or allow a plugin's settings by prefix with"
            + " CP_SETTINGS_ALLOWED_PREFIXES\n",
        run.err());
  }
}
