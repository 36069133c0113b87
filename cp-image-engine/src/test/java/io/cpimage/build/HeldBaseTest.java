package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base read from the daemon without {@code docker save}, against what {@code docker save} gives
 * of the same image, with a real Docker daemon (skipped without one). The base is made by Docker's
 * classic builder, whose history has config-only entries and a layer of directories only.
 */
class HeldBaseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private final String imported = "cp-image-engine-test/held-rootfs:" + UUID.randomUUID();
  private final String base = "cp-image-engine-test/held-base:" + UUID.randomUUID();

  @BeforeEach
  void makeBase() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    Path rootfs = temp.resolve("rootfs.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(rootfs))) {
      file(tar, "etc/passwd", "root:x:0:0::/root:/bin/sh\nappuser:x:1000:1000::/home:/bin/sh\n");
      file(tar, "usr/share/java/kafka/kafka-clients-4.4.0.jar", "not really a jar\n");
    }
    assertEquals(0, run(List.of("docker", "import", rootfs.toString(), imported)));
    Path context = Files.createDirectories(temp.resolve("context"));
    Files.createDirectories(context.resolve("dirs/empty"));
    Files.writeString(context.resolve("hello.txt"), "hello\n");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + imported
            + "\nENV GREETING=hello\nCOPY dirs/ /srv/\nLABEL purpose=test\n"
            + "COPY hello.txt /opt/hello.txt\nUSER appuser\nCMD [\"/bin/run\"]\n");
    ProcessBuilder build =
        new ProcessBuilder("docker", "build", "-q", "-t", base, context.toString());
    build.environment().put("DOCKER_BUILDKIT", "0");
    assertEquals(0, run(build));
  }

  @AfterEach
  void removeImages() throws Exception {
    run(List.of("docker", "rmi", "-f", base, imported));
  }

  @Test
  void readsTheBaseLikeItsSavedTarWithoutSavingIt() throws Exception {
    String id = DockerCli.imageId(base).orElseThrow();
    ImageSpec.Settings settings = settings();
    List<String> log = new ArrayList<>();

    BaseImage held =
        HeldBase.load(
            ImageLocation.parse("docker://" + base, "<from><image>", temp),
            id,
            settings,
            event -> log.add(event.getMessage()));

    JsonNode saved = savedConfig(base);
    assertEquals(id, held.imageId());
    assertEquals(texts(saved.get("rootfs").get("diff_ids")), held.diffIds());
    assertEquals("appuser", held.user());
    assertEquals("hello", held.environment().get("GREETING"));
    assertEquals(
        BaseFilesystem.Type.FILE, held.filesystem().lookup("/opt/hello.txt").orElseThrow().type());
    assertEquals(
        BaseFilesystem.Type.DIRECTORY, held.filesystem().lookup("/srv/empty").orElseThrow().type());
    assertEquals(1000, held.uidOf("appuser", "<user>"));
    assertTrue(
        held.filesystem().digests().containsKey("/usr/share/java/kafka/kafka-clients-4.4.0.jar"));
    assertEquals(HeldBase.jibCache(settings), held.heldLayersCache());
    assertTrue(
        log.get(0).endsWith("held by the Docker daemon, reading its file tree"), log.toString());

    // The rebuilt config says what the saved one says, but for the history's times below the
    // second: which entries made a layer included (the COPY of directories only made one).
    JsonNode rebuilt =
        JSON.readTree(
            com.google.cloud.tools.jib.json.JsonTemplateMapper.toByteArray(
                com.google.cloud.tools.jib.cache.Cache.withDirectory(HeldBase.jibCache(settings))
                    .retrieveLocalConfig(
                        com.google.cloud.tools.jib.api.DescriptorDigest.fromDigest(id))
                    .orElseThrow()));
    assertEquals(saved.get("config").get("Env"), rebuilt.get("config").get("Env"));
    assertEquals(saved.get("config").get("Cmd"), rebuilt.get("config").get("Cmd"));
    assertEquals(saved.get("config").get("Labels"), rebuilt.get("config").get("Labels"));
    assertEquals(saved.get("rootfs"), rebuilt.get("rootfs"));
    assertEquals(historyWithoutTimes(saved), historyWithoutTimes(rebuilt));

    // A second read takes both from the caches: no container, no export.
    log.clear();
    BaseImage again =
        HeldBase.load(
            ImageLocation.parse("docker://" + base, "<from><image>", temp),
            id,
            settings,
            event -> log.add(event.getMessage()));
    assertEquals(held.diffIds(), again.diffIds());
    assertEquals(held.environment(), again.environment());
    assertTrue(log.get(0).endsWith("its file tree from the cache"), log.toString());
  }

  private ImageSpec.Settings settings() {
    return new ImageSpec.Settings(
        temp.resolve("work"),
        temp.resolve("work/report.json"),
        temp.resolve("downloads"),
        Instant.EPOCH,
        true,
        ImageSpec.DEFAULT_PLUGIN_PATH,
        null);
  }

  /** Each history entry's command, comment and whether it made a layer, oldest first. */
  private static List<String> historyWithoutTimes(JsonNode config) {
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : config.get("history")) {
      entries.add(
          entry.path("created_by").asText()
              + " | "
              + entry.path("comment").asText()
              + " | "
              + entry.path("empty_layer").asBoolean(false));
    }
    return entries;
  }

  private JsonNode savedConfig(String image) throws Exception {
    Path tar = temp.resolve("saved.tar");
    assertEquals(0, run(List.of("docker", "save", "-o", tar.toString(), image)));
    Map<String, byte[]> entries = new java.util.HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (entry.getName().endsWith(".json")) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    String config = JSON.readTree(entries.get("manifest.json")).get(0).get("Config").asText();
    return JSON.readTree(entries.get(config));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static void file(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static int run(List<String> command) throws Exception {
    return run(new ProcessBuilder(command));
  }

  private static int run(ProcessBuilder process) throws Exception {
    Process started = process.redirectErrorStream(true).start();
    try (InputStream out = started.getInputStream()) {
      out.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return started.waitFor();
  }
}
