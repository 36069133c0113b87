package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTableTest {
  @Test
  void namesTheBaseLayersAndThePlannedOnesAndSaysWhatWasSent() {
    List<LayerTable.Layer> layers =
        List.of(
            new LayerTable.Layer(250_000_000, false),
            new LayerTable.Layer(1_200, false),
            new LayerTable.Layer(10_400_000, true));
    List<String> lines =
        LayerTable.lines(
            LayerTable.rows(layers, List.of("utility-belt", "connector:jdbc-sink"), "daemon"));
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
