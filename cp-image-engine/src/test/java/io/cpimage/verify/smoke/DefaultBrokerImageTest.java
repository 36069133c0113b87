package io.cpimage.verify.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DefaultBrokerImageTest {
  /** The build filters the default line's Kafka release into the jar (the root pom's property). */
  @Test
  void isTheKafka4LinesBrokerOfThePluginsRelease() {
    assertEquals(
        "cp-image/cp-kafka:" + System.getProperty("kafka4.version") + "-1.2.3",
        DefaultBrokerImage.forPlugin("1.2.3"));
  }
}
