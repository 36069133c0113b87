package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class BaseFilesystemTest {

  /** A layer tar as `docker save` writes one: entries named ./path, owners numeric. */
  static byte[] layer(boolean gzip, Object[]... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
      for (Object[] e : entries) {
        String name = (String) e[0];
        TarArchiveEntry entry;
        if (e.length > 4) {
          entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
          entry.setLinkName((String) e[4]);
        } else {
          entry = new TarArchiveEntry(name);
        }
        entry.setIds((Integer) e[1], (Integer) e[2]);
        entry.setMode((Integer) e[3] | (name.endsWith("/") ? 040000 : 0100000));
        byte[] content =
            name.endsWith("/") || e.length > 4
                ? new byte[0]
                : ("content of " + name).getBytes(StandardCharsets.UTF_8);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void readsOwnerGroupAndModeOfDirectories() throws IOException {
    BaseFilesystem fs = BaseFilesystem.empty();
    fs.applyLayer(
        new ByteArrayInputStream(
            layer(
                false,
                new Object[] {"./", 0, 0, 0755},
                new Object[] {"./usr/", 0, 0, 0755},
                new Object[] {"./usr/share/", 0, 0, 0755},
                new Object[] {"./usr/share/confluent-hub-components/", 1000, 0, 0775})));
    assertEquals(
        new Node(Type.DIRECTORY, 1000, 0, 0775, null),
        fs.lookup("/usr/share/confluent-hub-components").orElseThrow());
  }

  @Test
  void appliesLayersInOrderWithWhiteouts() throws IOException {
    BaseFilesystem fs = BaseFilesystem.empty();
    fs.applyLayer(
        new ByteArrayInputStream(
            layer(
                true,
                new Object[] {"opt/", 0, 0, 0755},
                new Object[] {"opt/old/", 0, 0, 0755},
                new Object[] {"opt/old/file", 0, 0, 0644},
                new Object[] {"opt/keep/", 0, 0, 0755},
                new Object[] {"opt/keep/a", 0, 0, 0644})));
    fs.applyLayer(
        new ByteArrayInputStream(
            layer(
                false,
                new Object[] {"opt/.wh.old", 0, 0, 0644},
                new Object[] {"opt/keep/.wh..wh..opq", 0, 0, 0644},
                new Object[] {"opt/keep/", 1000, 1000, 0700})));
    assertTrue(fs.lookup("/opt/old").isEmpty());
    assertTrue(fs.lookup("/opt/old/file").isEmpty());
    assertTrue(fs.lookup("/opt/keep/a").isEmpty());
    assertEquals("1000:1000", fs.lookup("/opt/keep").orElseThrow().ownership());
  }

  @Test
  void followsSymlinkedDirectoriesAndCapturesSmallFiles() throws IOException {
    BaseFilesystem fs = BaseFilesystem.empty();
    fs.applyLayer(
        new ByteArrayInputStream(
            layer(
                false,
                new Object[] {"usr/", 0, 0, 0755},
                new Object[] {"usr/lib/", 0, 0, 0755},
                new Object[] {"usr/lib/jvm/", 0, 0, 0755},
                new Object[] {"usr/lib/jvm/zulu17/", 0, 0, 0755},
                new Object[] {"usr/lib/jvm/zulu17/release", 0, 0, 0644},
                new Object[] {"usr/lib/jvm/current", 0, 0, 0777, "zulu17"},
                new Object[] {"etc/", 0, 0, 0755},
                new Object[] {"etc/passwd", 0, 0, 0644},
                new Object[] {"logs", 0, 0, 0777, "/var/log"})));
    assertEquals("/usr/lib/jvm/zulu17/bin/java", fs.resolve("/usr/lib/jvm/current/bin/java"));
    assertEquals("/var/log/kafka", fs.resolve("/logs/kafka"));
    assertEquals(
        "content of usr/lib/jvm/zulu17/release",
        fs.text("/usr/lib/jvm/current/release").orElseThrow());
    assertEquals("content of etc/passwd", fs.text("/etc/passwd").orElseThrow());
  }
}
