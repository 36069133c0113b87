package io.cpimage.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table that ends a build's log: each layer of the image, bottom first, with what it holds, its
 * size and whether the target already had it.
 */
final class LayerTable {
  private LayerTable() {}

  /** One row: what the layer holds, its size in bytes, and reused or new. */
  record Row(String holds, long size, String status) {}

  /** The size of a layer the build never had in hand: the daemon's own copy of a held base's. */
  static final long UNKNOWN = -1;

  /**
   * One layer of the image as the target got it: its size there ({@link #UNKNOWN} if never in
   * hand), and whether it was sent.
   */
  record Layer(long size, boolean sent) {}

  /**
   * Rows for an image's layers, bottom first: the layers below {@code added} come from the base,
   * the top ones are the plan's, by name. A layer not sent is reused: from the base, or one of ours
   * that {@code target} (the daemon, the registry) already held.
   */
  static List<Row> rows(List<Layer> layers, List<String> added, String target) {
    List<Row> rows = new ArrayList<>();
    int base = layers.size() - added.size();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      String holds = i < base ? "base layer " + (i + 1) + "/" + base : added.get(i - base);
      String status = layer.sent() ? "new" : i < base ? "reused (base)" : "reused (" + target + ")";
      rows.add(new Row(holds, layer.size(), status));
    }
    return rows;
  }

  /** The table's lines, columns aligned. */
  static List<String> lines(List<Row> rows) {
    int width = "layer".length();
    for (Row row : rows) {
      width = Math.max(width, row.holds().length());
    }
    String format = "%-" + width + "s  %10s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, format, "layer", "size", "reused or new"));
    for (Row row : rows) {
      lines.add(String.format(Locale.ROOT, format, row.holds(), size(row.size()), row.status()));
    }
    return lines;
  }

  /** A byte count for people: B, kB, MB or GB with one decimal; a dash when unknown. */
  static String size(long bytes) {
    if (bytes == UNKNOWN) {
      return "-";
    }
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
