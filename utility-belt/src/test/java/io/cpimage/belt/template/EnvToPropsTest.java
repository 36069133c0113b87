package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvToPropsTest {

  @ParameterizedTest(name = "KAFKA_{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ZOOKEEPER_CONNECT | zookeeper.connect",
        "A_B_C | a.b.c",
        "Log_Dirs | log.dirs",
        "LISTENER_NAME_SASL__SSL_PLAIN | listener.name.sasl_ssl.plain",
        "CONFLUENT___SUPPORT | confluent-support",
        "A____B | a-_b",
        "A_____B | a-_b",
        "A______B | a--b",
        "_LEAD | _lead",
        "TRAIL_ | trail_",
        "X | x",
      })
  void mapsNamesAsConfluentsDubDoes(String name, String key) {
    assertEquals(
        Map.of(key, "v"),
        EnvToProps.envToProps(Map.of("KAFKA_" + name, "v"), "KAFKA_", "", List.of()));
  }

  @Test
  void doubleUnderscoreAfterThePrefixKeepsALeadingUnderscore() {
    assertEquals(
        Map.of("_lead", "1"),
        EnvToProps.envToProps(Map.of("KAFKA__LEAD", "1"), "KAFKA_", "", List.of()));
  }

  @Test
  void excludesByVariableNameNotByPropertyName() {
    Map<String, String> env = Map.of("KAFKA_HEAP_OPTS", "-Xmx1G", "KAFKA_BROKER_ID", "1");
    assertEquals(
        Map.of("broker.id", "1"),
        EnvToProps.envToProps(env, "KAFKA_", "", List.of("KAFKA_HEAP_OPTS", "heap.opts")));
    assertEquals(
        Map.of("broker.id", "1", "heap.opts", "-Xmx1G"),
        EnvToProps.envToProps(env, "KAFKA_", "", List.of("heap.opts")));
  }

  @Test
  void prefixIsCaseSensitiveAndMatchesLongerPrefixes() {
    Map<String, String> env =
        Map.of("KAFKA_REST_HOST_NAME", "rest", "kafka_lower", "x", "KAFKAESQUE", "y");
    assertEquals(
        Map.of("rest.host.name", "rest"), EnvToProps.envToProps(env, "KAFKA_", "", List.of()));
  }

  @Test
  void prefixesThePropertyNameAndCopiesValuesVerbatim() {
    Map<String, String> env =
        Map.of("CONFLUENT_METRICS_TOPIC", " a = b # c ", "CONFLUENT_EMPTY", "", "CONFLUENT_", "x");
    assertEquals(
        Map.of("confluent.metrics.topic", " a = b # c ", "confluent.empty", "", "confluent.", "x"),
        EnvToProps.envToProps(env, "CONFLUENT_", "confluent.", List.of()));
  }

  @Test
  void ordersByVariableNameAndLaterCollisionsWin() {
    Map<String, String> env =
        Map.of("KAFKA_B", "b", "KAFKA_A____X", "four", "KAFKA_A_____X", "five");
    Map<String, String> props = EnvToProps.envToProps(env, "KAFKA_", "", List.of());
    assertEquals(List.of("a-_x", "b"), List.copyOf(props.keySet()));
    // KAFKA_A_____X sorts after KAFKA_A____X, so its value is the one kept.
    assertEquals("five", props.get("a-_x"));
  }
}
