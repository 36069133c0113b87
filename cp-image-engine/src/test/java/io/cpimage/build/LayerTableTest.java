package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTableTest {
  @Test
  void namesTheBaseLayersAndThePlannedOnesAndSaysWhatWasSent() {
    List<DaemonLoad.LoadedLayer> layers =
        List.of(
            new DaemonLoad.LoadedLayer("sha256:a", 250_000_000, false),
            new DaemonLoad.LoadedLayer("sha256:b", 1_200, false),
            new DaemonLoad.LoadedLayer("sha256:c", 10_400_000, true));
    List<String> lines =
        LayerTable.lines(LayerTable.rows(layers, List.of("utility-belt", "connector:jdbc-sink")));
    assertEquals(
        List.of(
            "layer                      size  reused or new",
            "base layer 1/1         250.0 MB  reused (base)",
            "utility-belt             1.2 kB  reused (daemon)",
            "connector:jdbc-sink     10.4 MB  new"),
        lines);
  }

  @Test
  void sizesInUnitsOfAThousand() {
    assertEquals("999 B", LayerTable.size(999));
    assertEquals("1.0 kB", LayerTable.size(1000));
    assertEquals("1.5 GB", LayerTable.size(1_500_000_000L));
  }
}
