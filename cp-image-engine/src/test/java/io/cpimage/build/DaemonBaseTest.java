package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code docker://} base saved for jib, by the build and by jib's own {@code docker save}, with a
 * real Docker daemon (skipped without one).
 */
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

  /** A one-layer image imported into the daemon as {@code name}, holding {@code note}. */
  private void importImage(String name, byte[] note) throws Exception {
    ImportedImage.create(temp, name, "etc/note.txt", note);
  }

  /**
   * A {@code docker://} base saved by a build is taken again by the next while the record beside it
   * names the image's ID, whole: one damaged (as a write stopped midway would leave it) has the
   * base saved again. Each load gets an empty cache, which would otherwise answer first.
   */
  @Test
  void aSavedBaseIsReusedWhileItsIdRecordIsWhole() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    String name = "cp-image-engine-test/daemon-base:" + UUID.randomUUID();
    importImage(name, "saved once\n".getBytes(StandardCharsets.UTF_8));
    try {
      String saving =
          "Saving base image docker://"
              + name
              + " from the Docker daemon, its layers gzipped for jib on every core as they come";
      String unchanged = "Base image docker://" + name + " unchanged since the last build";
      List<String> log = new ArrayList<>();
      BaseImage first = loadFromDaemon(name, "cache-1", log);
      assertTrue(log.contains(saving), log::toString);
      assertEquals(DockerCli.imageId(name).orElseThrow(), first.imageId());

      log.clear();
      BaseImage again = loadFromDaemon(name, "cache-2", log);
      assertTrue(log.contains(unchanged), log::toString);
      assertFalse(log.contains(saving), log::toString);
      assertEquals(first.tar(), again.tar());
      IdRecords.assertNoneHalfWritten(first.tar().getParent());

      IdRecords.damage(first.tar().resolveSibling("base-image.id"));
      log.clear();
      loadFromDaemon(name, "cache-3", log);
      assertTrue(log.contains(saving), log::toString);
    } finally {
      new ProcessBuilder("docker", "rmi", "-f", name).start().waitFor();
    }
  }

  /**
   * A {@code docker://} base the daemon lacks: the save's own message and the fix, and nothing left
   * in the base's directory (no copy for jib, gzipped or plain, half or whole).
   */
  @Test
  void aBaseTheDaemonLacksFailsNamingItAndLeavesNothing() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    String name = "cp-image-engine-test/missing:" + UUID.randomUUID();
    List<String> log = new ArrayList<>();

    ImageBuildException failed =
        assertThrows(ImageBuildException.class, () -> loadFromDaemon(name, "cache", log));

    assertTrue(
        failed
            .getMessage()
            .startsWith("<from><image> 'docker://" + name + "': `docker save` failed: "),
        failed.getMessage());
    assertTrue(
        failed
            .getMessage()
            .endsWith("; check the image name (docker images) and that the daemon runs"),
        failed.getMessage());
    try (var left = Files.list(temp.resolve("work/base"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  private BaseImage loadFromDaemon(String name, String cache, List<String> log) throws Exception {
    ImageSpec spec =
        ImageSpec.builder(
                ImageLocation.parse("docker://" + name, "<from><image>", temp),
                ImageLocation.parse("tar://" + temp.resolve("out.tar"), "<to><image>", temp),
                temp.resolve("work"))
            .tarImageName("test/daemon-base:1")
            .downloadCache(temp.resolve(cache))
            .build();
    return BaseImages.load(spec.from(), spec.settings(), event -> log.add(event.getMessage()));
  }

  @Test
  void savesTheBaseForJibWithGzippedLayers() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    byte[] note = "a file in the only layer\n".getBytes(StandardCharsets.UTF_8);
    String name = "cp-image-engine-test/daemon-base:" + UUID.randomUUID();
    importImage(name, note);
    try {
      ImageLocation location = ImageLocation.parse("docker://" + name, "<from><image>", temp);
      BaseImage base =
          BaseImageTest.cachedBase(location, "{}", BaseFilesystem.empty(), temp.resolve("cache"));
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
