package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static io.cpimage.belt.dub.DubRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsureAtLeastOneCommandTest {

  @Test
  void passesWhenOneIsSet() {
    assertEquals(
        new DubRun(0, "", ""),
        dub(
            Map.of("ZOOKEEPER_SECURE_CLIENT_PORT", "2182"),
            "ensure-atleast-one",
            "ZOOKEEPER_CLIENT_PORT",
            "ZOOKEEPER_SECURE_CLIENT_PORT"));
  }

  @Test
  void failsWhenNoneIsSetOrAllAreEmpty() {
    assertEquals(
        new DubRun(
            1, "", lines("one of (A,B) is required.") + failedLine("ensure-atleast-one", "A", "B")),
        dub(Map.of("B", ""), "ensure-atleast-one", "A", "B"));
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(2, dub(Map.of("A", "1"), "ensure-atleast-one", "--all", "A").code());
  }

  @Test
  void withoutNamesItFailsAsConfluentsDoes() {
    assertEquals(
        new DubRun(1, "", lines("one of () is required.") + failedLine("ensure-atleast-one")),
        dub("ensure-atleast-one"));
  }
}
