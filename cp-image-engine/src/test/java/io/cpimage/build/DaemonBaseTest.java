package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jib's own {@code docker save} of a base, with a real Docker daemon (skipped without one). */
class DaemonBaseTest {
  @TempDir Path temp;

  private static Map<String, byte[]> entries(TarArchiveInputStream in) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
      if (entry.isFile()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  @Test
  void savesTheBaseForJibWithGzippedLayers() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    byte[] note = "a file in the only layer\n".getBytes(StandardCharsets.UTF_8);
    Path rootfs = temp.resolve("rootfs.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(rootfs))) {
      TarArchiveEntry entry = new TarArchiveEntry("etc/note.txt");
      entry.setSize(note.length);
      tar.putArchiveEntry(entry);
      tar.write(note);
      tar.closeArchiveEntry();
    }
    String name = "cp-image-engine-test/daemon-base:" + UUID.randomUUID();
    Process imported = new ProcessBuilder("docker", "import", rootfs.toString(), name).start();
    imported.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertEquals(0, imported.waitFor(), "docker import");
    try {
      ImageLocation location = ImageLocation.parse("docker://" + name, "<from><image>", temp);
      BaseImage base =
          new BaseImage(
              location, null, "sha256:unused", Map.of(), "", BaseFilesystem.empty(), List.of());
      Path out = Files.createDirectories(temp.resolve("jib")).resolve("out.tar");

      new DaemonBase(base).save(ImageReference.parse(name), out, written -> {});

      Map<String, byte[]> saved;
      try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(out))) {
        saved = entries(in);
      }
      JsonNode manifest = new ObjectMapper().readTree(saved.get("manifest.json")).get(0);
      assertEquals(1, manifest.get("Layers").size());
      byte[] layer = saved.get(manifest.get("Layers").get(0).asText());
      Map<String, byte[]> files;
      try (TarArchiveInputStream in =
          new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(layer)))) {
        files = entries(in);
      }
      assertArrayEquals(note, files.get("etc/note.txt"));
      try (var left = Files.list(out.getParent())) {
        assertEquals(List.of(out), left.toList());
      }
    } finally {
      new ProcessBuilder("docker", "rmi", "-f", name).start().waitFor();
    }
    assertFalse(DockerCli.imageId(name).isPresent());
  }
}
