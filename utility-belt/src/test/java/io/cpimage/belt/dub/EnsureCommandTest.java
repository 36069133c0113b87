package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static io.cpimage.belt.dub.DubRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsureCommandTest {

  @Test
  void aSetVariablePassesSilently() {
    assertEquals(
        new DubRun(0, "", ""),
        dub(Map.of("KAFKA_ZOOKEEPER_CONNECT", "zk:2181"), "ensure", "KAFKA_ZOOKEEPER_CONNECT"));
  }

  @Test
  void aMissingVariableFailsWithConfluentsMessage() {
    assertEquals(
        new DubRun(
            1,
            "",
            lines("KAFKA_ZOOKEEPER_CONNECT is required.")
                + failedLine("ensure", "KAFKA_ZOOKEEPER_CONNECT")),
        dub(Map.of(), "ensure", "KAFKA_ZOOKEEPER_CONNECT"));
  }

  @Test
  void anEmptyVariableCountsAsMissing() {
    DubRun run = dub(Map.of("X", ""), "ensure", "X");
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("X is required."), run.err());
  }

  @Test
  void theNameIsRequired() {
    DubRun run = dub("ensure");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("Missing required parameter: 'VAR'"), run.err());
  }

  @Test
  void severalNamesPassWhenAllAreSet() {
    assertEquals(
        new DubRun(0, "", ""), dub(Map.of("A", "1", "B", "2", "C", "3"), "ensure", "A", "B", "C"));
  }

  @Test
  void everyMissingNameIsReportedInOrder() {
    assertEquals(
        new DubRun(
            1, "", lines("A is required.", "C is required.") + failedLine("ensure", "A", "B", "C")),
        dub(Map.of("B", "2"), "ensure", "A", "B", "C"));
  }
}
