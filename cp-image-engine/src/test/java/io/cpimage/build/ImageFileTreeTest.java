package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ContentHashes;
import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file tree kept in an image is taken only for the image it was written for: the same layer
 * count, the same base layers, the same reading rules; anything else reads as absent, and the base
 * is read the long way.
 */
class ImageFileTreeTest {
  @TempDir Path temp;

  private static final List<String> BASE = List.of("sha256:os", "sha256:jdk");
  private static final List<String> IMAGE =
      List.of("sha256:os", "sha256:jdk", "sha256:connector", "sha256:tree");

  private final BaseFilesystem tree =
      BaseFilesystem.of(
          Map.of(
              "/etc", new Node(Type.DIRECTORY, 0, 0, 0755, null),
              "/etc/passwd", new Node(Type.FILE, 0, 0, 0644, null),
              "/bin", new Node(Type.SYMLINK, 0, 0, 0777, "usr/bin"),
              "/var/lib/kafka", new Node(Type.DIRECTORY, 1000, 0, 0775, null)),
          Map.of("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"));

  @Test
  void theImageItWasWrittenForGetsItBack() throws Exception {
    BaseFilesystem read =
        ImageFileTree.read(ImageFileTree.write(tree, BASE, IMAGE.size()), IMAGE).orElseThrow();
    assertEquals(new TreeMap<>(tree.nodes()), new TreeMap<>(read.nodes()));
    assertEquals(Optional.of("root:x:0:0:root:/root:/bin/sh\n"), read.text("/etc/passwd"));
    assertEquals("/usr/bin/env", read.resolve("/bin/env"));
  }

  @Test
  void aLayerOnTopLeavesItBehind() throws Exception {
    byte[] file = ImageFileTree.write(tree, BASE, IMAGE.size());
    List<String> onTop = new ArrayList<>(IMAGE);
    onTop.add("sha256:docker-commit");
    assertTrue(ImageFileTree.read(file, onTop).isEmpty());
    assertTrue(ImageFileTree.read(file, IMAGE.subList(0, 3)).isEmpty(), "a layer fewer");
  }

  @Test
  void anotherBaseUnderTheSameLayersLeavesItBehind() throws Exception {
    byte[] file = ImageFileTree.write(tree, BASE, IMAGE.size());
    List<String> rebased = List.of("sha256:os", "sha256:other-jdk", "sha256:connector", "sha256:x");
    assertTrue(ImageFileTree.read(file, rebased).isEmpty());
  }

  @Test
  void theTreesLayerIsFoundPlainOrGzippedAndAnotherLayerIsLeftAtItsFirstFile() throws Exception {
    byte[] file = ImageFileTree.write(tree, BASE, IMAGE.size());
    byte[] treeLayer = layer(false, "usr/share/cp-image/file-tree", file);
    byte[] gzippedTreeLayer = layer(true, "usr/share/cp-image/file-tree", file);
    // The tree further down a layer that begins with another file is not looked for.
    byte[] otherLayer = layer(false, "etc/passwd", file);
    Path image = temp.resolve("image.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(image))) {
      entry(tar, "tree.tar", treeLayer);
      entry(tar, "gzipped.tar", gzippedTreeLayer);
      entry(tar, "other.tar", otherLayer);
    }
    try (ImageTar tar = ImageTar.open(image)) {
      assertArrayEquals(file, ImageFileTree.fileIn(tar, "tree.tar").orElseThrow());
      assertArrayEquals(file, ImageFileTree.fileIn(tar, "gzipped.tar").orElseThrow());
      assertTrue(ImageFileTree.fileIn(tar, "other.tar").isEmpty());
    }
  }

  @Test
  void aTarBaseWhoseTreeIsNotItsOwnIsReadFromItsLayersAndSaysWhy() throws Exception {
    // An image of one layer, which holds a tree written for an image of four.
    byte[] layer = layer(false, "usr/share/cp-image/file-tree", ImageFileTree.write(tree, BASE, 4));
    Path image = temp.resolve("other-layers.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(image))) {
      entry(tar, "layer.tar", layer);
      entry(
          tar,
          "config.json",
          ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
                  + ContentHashes.ofBytes(layer)
                  + "\"]},\"config\":{}}")
              .getBytes(StandardCharsets.UTF_8));
      entry(
          tar,
          "manifest.json",
          "[{\"Config\":\"config.json\",\"RepoTags\":[],\"Layers\":[\"layer.tar\"]}]"
              .getBytes(StandardCharsets.UTF_8));
    }
    List<String> log = new ArrayList<>();
    BaseImage base = TarBase.read(image, temp.resolve("read"), log);
    assertEquals(
        List.of(
            "Base image tar://"
                + image
                + ": its /usr/share/cp-image/file-tree describes other layers or comes from another"
                + " version of cp-image, reading its layers"),
        log);
    // The layers say what the image holds: the tree's file and its directories, not the tree's
    // nodes.
    assertTrue(base.filesystem().lookup(ImageFileTree.IMAGE_PATH).isPresent());
    assertTrue(base.filesystem().lookup("/etc/passwd").isEmpty());
  }

  /** A layer tar with the directories above {@code first}, then it, then the tree. */
  private static byte[] layer(boolean gzipped, String first, byte[] treeFile) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = gzipped ? new GZIPOutputStream(bytes) : bytes;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      String path = "";
      for (String part : first.substring(0, first.lastIndexOf('/')).split("/")) {
        path += part + "/";
        tar.putArchiveEntry(new TarArchiveEntry(path));
        tar.closeArchiveEntry();
      }
      entry(tar, first, treeFile);
      if (!first.equals("usr/share/cp-image/file-tree")) {
        entry(tar, "usr/share/cp-image/file-tree", treeFile);
      }
    }
    return bytes.toByteArray();
  }

  private static void entry(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  @Test
  void aFileOfAnotherFormatOrDamagedReadsAsAbsent() throws Exception {
    byte[] file = ImageFileTree.write(tree, BASE, IMAGE.size());
    assertTrue(ImageFileTree.read("not a tree".getBytes(StandardCharsets.UTF_8), IMAGE).isEmpty());
    assertTrue(ImageFileTree.read(new byte[0], IMAGE).isEmpty());
    assertTrue(ImageFileTree.read(Arrays.copyOf(file, file.length / 2), IMAGE).isEmpty());
    // Other reading rules: the second field names them.
    byte[] otherRules = file.clone();
    int rules = 2 + "cp-image image file tree 1".length() + 2;
    otherRules[rules] ^= 1;
    assertTrue(ImageFileTree.read(otherRules, IMAGE).isEmpty());
  }
}
