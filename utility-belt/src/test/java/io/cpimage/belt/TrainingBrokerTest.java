package io.cpimage.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training's stand-in broker answers a real Kafka client as a one-broker cluster would. */
class TrainingBrokerTest {

  private static int cub(StringWriter err, String... args) {
    return Main.run(
        Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void kafkaReadyFindsItsOneBroker() throws Exception {
    try (TrainingBroker broker = TrainingBroker.start()) {
      StringWriter ready = new StringWriter();
      assertEquals(0, cub(ready, "cub", "kafka-ready", "1", "10", "-b", broker.bootstrapServers()));
      assertEquals("", ready.toString());

      StringWriter tooFew = new StringWriter();
      assertEquals(1, cub(tooFew, "cub", "kafka-ready", "2", "1", "-b", broker.bootstrapServers()));
      assertTrue(
          tooFew.toString().startsWith("Expected 2 brokers but found only 1. Brokers found ["),
          tooFew::toString);
      assertTrue(tooFew.toString().contains(broker.bootstrapServers()), tooFew::toString);
    }
  }
}
