package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.LogEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build's settings check over a base's captured catalogue (a few lines of Kafka 4.4.0's, in the
 * format the base images carry; base-images' SettingsCheckIT checks the real catalogues).
 */
class EnvironmentSettingsTest {

  private static final String CATALOGUE =
      "# cp-image settings catalogue of Kafka 4.4.0: section, name, type, valid values, case\n"
          + "broker\tadvertised.listeners\tLIST\t\t\n"
          + "broker\tnum.partitions\tINT\t\t\n";

  private final List<LogEvent> events = new ArrayList<>();

  private static BaseFilesystem base(boolean withCatalogue) {
    return BaseFilesystem.of(
        Map.of(),
        withCatalogue ? Map.of("/usr/lib/cp-image/settings-catalogue.tsv", CATALOGUE) : Map.of());
  }

  private static ImageSpec.SettingsCheckSpec spec(boolean strict, List<String> prefixes) {
    return new ImageSpec.SettingsCheckSpec(strict, prefixes, "pom.xml");
  }

  @Test
  void aFindingFailsTheBuildNamingTheEntryThePomAndTheFix() {
    Map<String, String> env = Map.of("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://k:9092");
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () ->
                EnvironmentSettings.check(
                    spec(true, List.of()), base(true), env, env, events::add));
    assertEquals(
        "<environment> in pom.xml sets Kafka settings that the base's Kafka 4.4.0 would ignore or"
            + " refuse (1 problem):\n"
            + "  `KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which Kafka 4.4.0 does"
            + " not know: did you mean `advertised.listeners`?\n"
            + "Fix the entries; allow a plugin's settings with <allowedSettingPrefixes>; or set"
            + " <strictSettings>false</strictSettings> to build with warnings.",
        e.getMessage());
  }

  @Test
  void notStrictWarnsOncePerFinding() throws ImageBuildException {
    Map<String, String> env = Map.of("KAFKA_NUM_PARTITIONS", "three", "KAFKA_HEAP_OPTS", "-Xmx1g");
    EnvironmentSettings.check(spec(false, List.of()), base(true), env, env, events::add);
    assertEquals(1, events.size(), events.toString());
    assertEquals(LogEvent.Level.WARN, events.get(0).getLevel());
    assertTrue(
        events
            .get(0)
            .getMessage()
            .startsWith(
                "<environment> in pom.xml: `KAFKA_NUM_PARTITIONS=three` sets `num.partitions`"),
        events.get(0).getMessage());
  }

  @Test
  void aBaseWithoutACatalogueIsSkippedWithOneLine() throws ImageBuildException {
    Map<String, String> env = Map.of("KAFKA_NUM_PARTITIONS", "three", "KAFKA_X", "1");
    EnvironmentSettings.check(spec(true, List.of()), base(false), env, env, events::add);
    assertEquals(1, events.size(), events.toString());
    assertTrue(events.get(0).getMessage().startsWith("Settings check skipped"));
  }

  @Test
  void allowedPrefixesPassTheCheckAndReachTheImage() throws ImageBuildException {
    Map<String, String> image = new LinkedHashMap<>();
    image.put("CP_SETTINGS_ALLOWED_PREFIXES", "confluent.");
    image.put("KAFKA_ACME_TOPIC", "audit");
    ImageSpec.SettingsCheckSpec spec = spec(true, List.of("acme."));
    EnvironmentSettings.allowPrefixes(spec, image);
    EnvironmentSettings.check(
        spec, base(true), Map.of("KAFKA_ACME_TOPIC", "audit"), image, events::add);
    assertEquals("confluent.,acme.", image.get("CP_SETTINGS_ALLOWED_PREFIXES"));
    assertEquals(List.of(), events);
  }
}
