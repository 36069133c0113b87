package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarEntryFilterTest {
  private static final String LONG_NAME = "a/".repeat(60) + "layer.tar.gz";

  /**
   * A tar as commons-compress (jib's writer) makes it, with a pax header for a long name; other
   * tests of tar readers share it.
   */
  static byte[] tar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Map<String, String> entries(byte[] tar) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private static Map<String, byte[]> sample() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("base.tar.gz", "b".repeat(1500).getBytes(StandardCharsets.UTF_8));
    entries.put(LONG_NAME, "long".getBytes(StandardCharsets.UTF_8));
    entries.put("new.tar.gz", "n".repeat(700).getBytes(StandardCharsets.UTF_8));
    entries.put("config.json", "{\"rootfs\":{}}".getBytes(StandardCharsets.UTF_8));
    entries.put("manifest.json", "[]".getBytes(StandardCharsets.UTF_8));
    return entries;
  }

  /** Writes in odd-sized pieces, as a stream copy may. */
  private static void writeInPieces(byte[] tar, OutputStream out) throws IOException {
    for (int offset = 0; offset < tar.length; offset += 333) {
      out.write(tar, offset, Math.min(333, tar.length - offset));
    }
    out.close();
  }

  @Test
  void dropsTheEntriesAtTheGivenPositionsWithTheirHeadersAndPassesTheRest() throws IOException {
    byte[] tar = tar(sample());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarEntryFilter filter = new TarEntryFilter(out, Set.of(0, 1), Set.of("config.json"));
    writeInPieces(tar, filter);

    Map<String, String> left = entries(out.toByteArray());
    assertEquals(List.of("new.tar.gz", "config.json", "manifest.json"), List.copyOf(left.keySet()));
    assertEquals("n".repeat(700), left.get("new.tar.gz"));
    assertEquals(List.of("base.tar.gz", LONG_NAME), filter.droppedNames());
    assertEquals(out.size(), filter.passed());
    assertArrayEquals(
        "{\"rootfs\":{}}".getBytes(StandardCharsets.UTF_8), filter.captured().get("config.json"));
  }

  @Test
  void keepsAPaxHeaderWithTheEntryItBelongsTo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarEntryFilter filter = new TarEntryFilter(out, Set.of(0), Set.of());
    writeInPieces(tar(sample()), filter);

    Map<String, String> left = entries(out.toByteArray());
    assertEquals(
        List.of(LONG_NAME, "new.tar.gz", "config.json", "manifest.json"),
        List.copyOf(left.keySet()));
    assertEquals("long", left.get(LONG_NAME));
    assertEquals(1500L, filter.sizes().get("base.tar.gz"));
  }

  @Test
  void withNothingDroppedTheStreamIsUnchanged() throws IOException {
    byte[] tar = tar(sample());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInPieces(tar, new TarEntryFilter(out, Set.of(), Set.of()));
    assertArrayEquals(tar, out.toByteArray());
  }
}
