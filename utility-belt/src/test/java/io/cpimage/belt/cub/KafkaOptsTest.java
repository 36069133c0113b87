package io.cpimage.belt.cub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which parts of {@code KAFKA_OPTS} reach the checks. */
class KafkaOptsTest {

  @Test
  void takesOnlySystemPropertiesInOrder() {
    Map<String, String> env =
        Map.of(
            "KAFKA_OPTS",
            " -Xmx512m -Djava.security.auth.login.config=/etc/kafka/jaas.conf"
                + "  -javaagent:/opt/agent.jar -Dzookeeper.sasl.client=true -Dflag ");

    assertEquals(
        Map.of(
            "java.security.auth.login.config", "/etc/kafka/jaas.conf",
            "zookeeper.sasl.client", "true",
            "flag", ""),
        KafkaOpts.systemProperties(env));
  }

  @Test
  void removesQuotesAroundValues() {
    Map<String, String> env = Map.of("KAFKA_OPTS", "-Da=\"/etc/kafka/jaas.conf\" -Db='x'");

    assertEquals(Map.of("a", "/etc/kafka/jaas.conf", "b", "x"), KafkaOpts.systemProperties(env));
  }

  @Test
  void absentOrEmptyMeansNothing() {
    assertEquals(Map.of(), KafkaOpts.systemProperties(Map.of()));
    assertEquals(Map.of(), KafkaOpts.systemProperties(Map.of("KAFKA_OPTS", "  ")));
  }
}
