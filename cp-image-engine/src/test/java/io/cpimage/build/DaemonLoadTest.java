package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaemonLoadTest {
  @Test
  void leavesOutTheFilesOfTheHeldBottomLayers() {
    assertEquals(Set.of(0, 1), DaemonLoad.droppedEntries(List.of("a", "b", "c", "d"), 2));
    assertEquals(Set.of(), DaemonLoad.droppedEntries(List.of("a", "b"), 0));
    assertEquals(Set.of(0, 1), DaemonLoad.droppedEntries(List.of("a", "b"), 2));
  }

  @Test
  void aRepeatedLayerIsOneFileKeptWhileALayerAboveTheHeldOnesNeedsIt() {
    // jib's tar holds a, b, c, d once each (entries 0-3), in the order they first occur.
    List<String> diffIds = List.of("a", "b", "c", "b", "d");
    assertEquals(Set.of(0, 1, 2), DaemonLoad.droppedEntries(diffIds, 4));
    assertEquals(Set.of(0, 2), DaemonLoad.droppedEntries(diffIds, 3));
    assertEquals(Set.of(0, 1, 2, 3), DaemonLoad.droppedEntries(diffIds, 5));
  }
}
