package io.cpimage.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.image.BaseFilesystem.Node;
import io.cpimage.image.BaseFilesystem.Type;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine, tar to tar, without Maven and without Docker. */
class ImageBuildTest {
  @TempDir Path temp;

  private Path baseTar() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "layer.tar",
        BaseFilesystemTest.layer(
            false,
            new Object[] {"./etc/", 0, 0, 0755},
            new Object[] {"./etc/passwd", 0, 0, 0644},
            new Object[] {"./usr/", 0, 0, 0755},
            new Object[] {"./usr/share/", 0, 0, 0755},
            new Object[] {"./usr/share/confluent-hub-components/", 1000, 0, 0775}));
    // BaseFilesystemTest.layer writes "content of <name>" into files: give passwd real content.
    files.put(
        "layer2.tar",
        passwdLayer("root:x:0:0::/root:/bin/sh\nappuser:x:1000:1000::/home/appuser:/bin/sh\n"));
    files.put(
        "config.json",
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"appuser\","
                + "\"Env\":[\"PATH=/usr/bin:/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId(files.get("layer.tar"))
                + "\",\""
                + diffId(files.get("layer2.tar"))
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        "manifest.json",
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"layer.tar\",\"layer2.tar\"]}]"
            .getBytes(StandardCharsets.UTF_8));
    Path tar = temp.resolve("base.tar");
    try (OutputStream out = Files.newOutputStream(tar);
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        archive.putArchiveEntry(entry);
        archive.write(file.getValue());
        archive.closeArchiveEntry();
      }
    }
    return tar;
  }

  private static String diffId(byte[] layer) {
    try {
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(layer));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] passwdLayer(String passwd) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] content = passwd.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("etc/passwd");
      entry.setMode(0100644);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private ImageSpec spec(Path base, String name, List<String> volumes) throws IOException {
    Path jar = Files.writeString(temp.resolve("driver.jar"), "not really a jar");
    Path work = temp.resolve("work-" + name);
    return new ImageSpec(
        "tar://" + base,
        List.of(),
        new ImageSpec.Target(
            "tar://" + temp.resolve(name + ".tar"),
            List.of(),
            "test/image:1",
            null,
            false,
            false,
            List.of()),
        new ImageSpec.Container(
            new LinkedHashMap<>(Map.of("PATH", "/opt/tools/bin:$PATH")),
            Map.of("team", "engine"),
            null,
            List.of("8083"),
            List.of(),
            List.of(),
            null,
            volumes),
        List.of(),
        List.of(
            new ImageSpec.LibrarySpec(
                new ArtifactSource.LocalFile(jar, null), null, "<libraries><library>")),
        List.of(),
        List.of(),
        null,
        null,
        false,
        new ImageSpec.Settings(
            work,
            work.resolve("report.json"),
            temp.resolve("downloads"),
            Instant.EPOCH,
            false,
            "/usr/share/confluent-hub-components"));
  }

  @Test
  void buildsReproduciblyAndTheResultKeepsOwnershipAsTheNextBase() throws Exception {
    Path base = baseTar();
    List<String> log = new ArrayList<>();
    BuildReport first =
        ImageBuild.run(
            spec(base, "first", List.of("/var/lib/kafka/data")), e -> log.add(e.getMessage()));
    BuildReport second =
        ImageBuild.run(spec(base, "second", List.of("/var/lib/kafka/data")), e -> {});

    assertEquals(first.digest(), second.digest());
    assertArrayEquals(
        Files.readAllBytes(temp.resolve("first.tar")),
        Files.readAllBytes(temp.resolve("second.tar")));
    assertEquals(
        List.of("libraries", "volumes"),
        first.layers().stream().map(BuildReport.LayerRecord::name).toList());
    assertEquals("/opt/tools/bin:/usr/bin:/bin", first.environment().get("PATH"));
    assertTrue(Files.isRegularFile(temp.resolve("work-first/report.json")));
    assertTrue(log.stream().anyMatch(line -> line.startsWith("Base image tar://")), log.toString());

    // jib's own tar is a valid base for the next build, and our layers kept the base's owners.
    BaseImage next =
        BaseImage.read(
            ImageLocation.parse("tar://" + temp.resolve("first.tar"), "<from><image>", temp),
            temp.resolve("first.tar"),
            temp.resolve("next"),
            "<from><image>");
    BaseFilesystem fs = next.filesystem();
    assertEquals(
        new Node(Type.DIRECTORY, 1000, 0, 0775, null),
        fs.lookup("/var/lib/kafka/data").orElseThrow());
    assertEquals(
        new Node(Type.DIRECTORY, 0, 0, 0755, null), fs.lookup("/usr/share/java").orElseThrow());
    assertEquals(
        "1000:0", fs.lookup("/usr/share/confluent-hub-components").orElseThrow().ownership());
    assertEquals(0644, fs.lookup("/usr/share/java/kafka/driver.jar").orElseThrow().mode());
    assertEquals("/opt/tools/bin:/usr/bin:/bin", next.environment().get("PATH"));
  }

  @Test
  void badInputFailsBeforeAnythingIsWritten() throws Exception {
    Path base = baseTar();
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> ImageBuild.run(spec(base, "bad", List.of("/etc/passwd")), event -> {}));
    assertEquals(
        "<volumes><volume> '/etc/passwd' is a file in the base image, not a directory; choose another path",
        e.getMessage());
    assertTrue(Files.notExists(temp.resolve("bad.tar")));
    assertTrue(Files.notExists(temp.resolve("bad.tar.partial")));
    assertTrue(Files.notExists(temp.resolve("work-bad/report.json")));
  }
}
