package io.cpimage.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tar stream written into it is passed on to {@code downstream} without its first {@code dropped}
 * entries (jib's image tar begins with the layer files, bottom first); on the way it keeps the
 * bytes of the entries named in {@code captured} and every entry's name and size. It reads only the
 * tar headers, so filtering costs no more than copying.
 */
final class TarEntryFilter extends OutputStream {
  private static final int BLOCK = 512;

  private final OutputStream downstream;
  private final Set<Integer> dropped;
  private int entries;
  private final List<String> droppedNames = new ArrayList<>();
  private final Set<String> captured;
  private final Map<String, byte[]> capturedBytes = new HashMap<>();
  private final Map<String, Long> sizes = new LinkedHashMap<>();
  private final byte[] header = new byte[BLOCK];
  private int headerFill;
  // Bytes (data and padding) of the current entry still to come, and what happens to them.
  private long remaining;
  private boolean dropping;
  private ByteArrayOutputStream capturing;
  private String current;
  // A long-name or pax header belongs to the entry after it: held until that entry is decided.
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private boolean holding;
  private byte heldType;
  private int heldDataStart;
  private long heldDataSize;
  private long passed;

  TarEntryFilter(OutputStream downstream, Set<Integer> dropped, Set<String> captured) {
    this.downstream = downstream;
    this.dropped = dropped;
    this.captured = captured;
  }

  /** The bytes of each captured entry the stream held. */
  Map<String, byte[]> captured() {
    return capturedBytes;
  }

  /** The names of the entries left out, in stream order. */
  List<String> droppedNames() {
    return droppedNames;
  }

  /** Each entry's name and data size, in stream order. */
  Map<String, Long> sizes() {
    return sizes;
  }

  /** How many bytes went downstream. */
  long passed() {
    return passed;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int used;
      if (remaining > 0) {
        used = (int) Math.min(remaining, length);
        data(bytes, offset, used);
        remaining -= used;
        if (remaining == 0 && capturing != null) {
          capturedBytes.put(current, trimmed(capturing.toByteArray(), sizes.get(current)));
          capturing = null;
        }
      } else {
        used = Math.min(BLOCK - headerFill, length);
        System.arraycopy(bytes, offset, header, headerFill, used);
        headerFill += used;
        if (headerFill == BLOCK) {
          headerFill = 0;
          startEntry();
        }
      }
      offset += used;
      length -= used;
    }
  }

  private void startEntry() throws IOException {
    long size = size(header);
    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
    byte type = header[156];
    if (type == 'L' || type == 'x') {
      holding = true;
      heldType = type;
      held.write(header);
      heldDataStart = held.size();
      heldDataSize = size;
      remaining = padded;
      dropping = false;
      return;
    }
    current = holding ? longName() : name(header);
    remaining = padded;
    dropping = false;
    if (!current.isEmpty()) {
      sizes.put(current, size);
      dropping = dropped.contains(entries++);
    }
    if (dropping) {
      droppedNames.add(current);
    }
    capturing = captured.contains(current) ? new ByteArrayOutputStream() : null;
    if (holding) {
      if (!dropping) {
        pass(held.toByteArray(), 0, held.size());
      }
      held.reset();
      holding = false;
    }
    if (!dropping) {
      pass(header, 0, BLOCK);
    }
    if (remaining == 0 && capturing != null) {
      capturedBytes.put(current, new byte[0]);
      capturing = null;
    }
  }

  private void data(byte[] bytes, int offset, int length) throws IOException {
    if (holding) {
      held.write(bytes, offset, length);
      return;
    }
    if (capturing != null) {
      capturing.write(bytes, offset, length);
    }
    if (!dropping) {
      pass(bytes, offset, length);
    }
  }

  private void pass(byte[] bytes, int offset, int length) throws IOException {
    if (downstream != null) {
      downstream.write(bytes, offset, length);
    }
    passed += length;
  }

  @Override
  public void flush() throws IOException {
    if (downstream != null) {
      downstream.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (downstream != null) {
      downstream.close();
    }
  }

  private static byte[] trimmed(byte[] padded, long size) {
    byte[] data = new byte[(int) size];
    System.arraycopy(padded, 0, data, 0, data.length);
    return data;
  }

  private static String name(byte[] header) {
    String name = field(header, 0, 100);
    boolean ustar = field(header, 257, 6).startsWith("ustar");
    String prefix = ustar ? field(header, 345, 155) : "";
    return stripped(prefix.isEmpty() ? name : prefix + "/" + name);
  }

  /** The name a long-name (GNU) or pax header gives the entry after it. */
  private String longName() {
    String data =
        new String(held.toByteArray(), heldDataStart, (int) heldDataSize, StandardCharsets.UTF_8);
    if (heldType == 'L') {
      return stripped(data.replace("\0", ""));
    }
    // Pax records: "<length> <key>=<value>\n".
    for (String record : data.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return stripped(record.substring(space + 6));
      }
    }
    return name(header);
  }

  private static String stripped(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  private static long size(byte[] header) {
    if ((header[124] & 0x80) != 0) {
      // Base-256 for sizes of 8 GiB and more.
      long size = 0;
      for (int i = 125; i < 136; i++) {
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    String octal = field(header, 124, 12).trim();
    return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
