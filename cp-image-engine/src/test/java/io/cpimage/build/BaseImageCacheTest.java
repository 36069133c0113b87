package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageCacheTest {
  private static final String IMAGE_ID = "sha256:" + "1".repeat(64);

  @TempDir Path temp;

  /**
   * Paths whose order differs between UTF-16 and UTF-8 (U+FF21 sorts above a surrogate pair in
   * Java's {@code compareTo}, below it in UTF-8), that share prefixes up to a separator, and owners
   * beyond 16 bits; and a layer with captured files, a Kafka jar and a symlinked directory.
   */
  private static BaseFilesystem readFromLayers() throws IOException {
    Map<String, Node> nodes = new LinkedHashMap<>();
    nodes.put("/opt", new Node(Type.DIRECTORY, 0, 0, 0755, null));
    for (String name : List.of("a", "a b", "a-b", "a.b", "ab", "é", "\uFF21", "\uD83D\uDE00")) {
      nodes.put("/opt/" + name, new Node(Type.FILE, 70000, 70001, 0640, null));
    }
    nodes.put("/opt/a/b", new Node(Type.DIRECTORY, 1000, 0, 0775, null));
    nodes.put("/opt/dev", new Node(Type.OTHER, 0, 0, 0600, null));
    nodes.put("/opt/to-é", new Node(Type.SYMLINK, 0, 0, 0777, "é"));
    nodes.put("/opt/empty-link", new Node(Type.SYMLINK, 0, 0, 0777, ""));
    BaseFilesystem fs = BaseFilesystem.of(nodes, Map.of());
    fs.applyLayer(
        new ByteArrayInputStream(
            BaseFilesystemTest.layer(
                true,
                new Object[] {"etc/", 0, 0, 0755},
                new Object[] {"etc/passwd", 0, 0, 0644},
                new Object[] {"usr/", 0, 0, 0755},
                new Object[] {"usr/lib/", 0, 0, 0755},
                new Object[] {"usr/lib/os-release", 0, 0, 0644},
                new Object[] {"etc/os-release", 0, 0, 0777, "../usr/lib/os-release"},
                new Object[] {"usr/share/", 0, 0, 0755},
                new Object[] {"usr/share/java/", 0, 0, 0755},
                new Object[] {"usr/share/java/kafka/", 0, 0, 0755},
                new Object[] {"usr/share/java/kafka/kafka-clients.jar", 0, 0, 0644},
                new Object[] {"usr/share/kafka", 0, 0, 0777, "java/kafka"})));
    return fs;
  }

  /**
   * The kept tree is read path by path from the entry: every path gives the node the tree read from
   * the layers gave, paths between, before and after the kept ones give none, and the captured
   * files, the jars' digests and the symlinks answer as before.
   */
  @Test
  void aKeptTreeAnswersEveryPathAsTheTreeReadFromTheLayers() throws IOException {
    BaseFilesystem read = readFromLayers();
    BaseImageCache cache = BaseImageCache.in(temp);
    cache.keep(IMAGE_ID, read);
    BaseFilesystem kept = cache.filesystem(IMAGE_ID).orElseThrow();

    for (String path : read.nodes().keySet()) {
      assertEquals(read.lookup(path), kept.lookup(path), path);
    }
    for (String absent : List.of("/", "/a", "/op", "/opt/a/c", "/opt/aa", "/opt/\uFF22", "/zz")) {
      assertTrue(kept.lookup(absent).isEmpty(), absent);
    }
    assertEquals(read.nodes(), kept.nodes());
    assertEquals(kept.nodes(), read.nodes());
    assertEquals("/opt/é/x", kept.resolve("/opt/to-é/x"));
    assertEquals(
        "/usr/share/java/kafka/kafka-clients.jar",
        kept.resolve("/usr/share/kafka/kafka-clients.jar"));
    assertEquals(read.text("/etc/passwd"), kept.text("/etc/passwd"));
    assertEquals(
        "content of usr/lib/os-release", kept.textFollowingLinks("/etc/os-release").orElseThrow());
    assertEquals(read.kafkaJars(), kept.kafkaJars());
    assertEquals(1, kept.kafkaJars().size());
  }

  /** The kept tree is the base's whole tree: a layer on top would be another base. */
  @Test
  void aKeptTreeTakesNoFurtherLayer() throws IOException {
    BaseImageCache cache = BaseImageCache.in(temp);
    cache.keep(IMAGE_ID, readFromLayers());
    BaseFilesystem kept = cache.filesystem(IMAGE_ID).orElseThrow();
    byte[] layer = BaseFilesystemTest.layer(false, new Object[] {"srv/", 0, 0, 0755});
    assertThrows(
        UnsupportedOperationException.class,
        () -> kept.applyLayer(new ByteArrayInputStream(layer)));
  }

  /**
   * A sealed entry whose payload another layout wrote (the nodes written one after the other, as
   * before; a count beyond the payload; nothing) reads as absent, so the base is read again.
   */
  @Test
  void aSealedEntryOfAnotherLayoutReadsAsAbsent() throws IOException {
    BaseImageCache cache = BaseImageCache.in(temp);
    cache.keep(IMAGE_ID, readFromLayers());
    Path entry;
    try (var list = Files.list(temp.resolve("base-images"))) {
      entry = list.findFirst().orElseThrow();
    }
    ByteArrayOutputStream earlier = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(earlier)) {
      out.writeInt(1);
      out.writeUTF("/etc");
      out.writeByte(Type.DIRECTORY.ordinal());
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(0755);
      out.writeBoolean(false);
      out.writeInt(0);
      out.writeInt(0);
    }
    for (byte[] payload :
        List.of(earlier.toByteArray(), new byte[] {0x7f, 0, 0, 0, 0, 0, 0, 0}, new byte[0])) {
      CacheFiles.write(entry, payload);
      assertTrue(cache.filesystem(IMAGE_ID).isEmpty());
    }
  }
}
