package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry and {@code tar://} bases that the Docker daemon holds already, built on for that daemon:
 * neither pulled nor compressed but held there, as a {@code docker://} base is, with their exact
 * configs, so the image is the very one the base read the other way gives. A real daemon (skipped
 * without one) and a real registry (scripts/local-registry.sh, plain HTTP on 127.0.0.1, which
 * Docker pulls from without configuration).
 */
class DaemonHeldBasesTest {
  @TempDir Path temp;

  private final String target = "cp-image-engine-test/on-registry-base:" + UUID.randomUUID();
  private final List<String> images = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private String registry;
  private Path state;

  @BeforeEach
  void needDaemon() {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
  }

  private void startRegistry() throws Exception {
    state = temp.resolve("registry");
    registry = LocalRegistry.startOnFreePort(state);
  }

  @AfterEach
  void stop() throws Exception {
    if (state != null) {
      LocalRegistry.stop(state);
    }
    for (String image : images) {
      new ProcessBuilder("docker", "rmi", "-f", image).start().waitFor();
    }
  }

  @Test
  void aRegistryBaseTheDaemonPulledIsNotPulledAndGivesTheSameImage() throws Exception {
    startRegistry();
    String base = registry + "/test/base:1";
    ImageBuild.run(spec("tar://" + ImageBuildTest.baseTar(temp), base, "base"), event -> {});

    // The daemon lacks the base: pulled, as before.
    BuildResult pulled = build(spec(base, "docker://" + target, "pulled"));
    images.add(target);
    assertTrue(log.contains("Pulling base image " + base), log.toString());

    DockerCli.change(List.of("pull", "-q", base), "docker pull");
    images.add(base);
    String baseId = pulled.report().baseImageId();
    assertEquals(DockerCli.imageId(base).orElseThrow(), baseId, "the daemon's ID for the base");

    // The same image again, from another project (its own stamp) on a machine whose caches never
    // met the base: its file tree read from the daemon. The image names itself in its SBOM, so
    // the same name.
    log.clear();
    BuildResult held = build(spec(base, "docker://" + target, "held", "other-cache"));
    assertFalse(log.stream().anyMatch(line -> line.startsWith("Pulling")), log.toString());
    assertHeld(base, baseId, "not pulled, reading its file tree");
    assertEquals(pulled.report().imageId(), held.report().imageId(), "the same image");
    assertEquals(held.report().imageId(), DockerCli.imageId(target).orElseThrow());
    assertEquals(baseId, held.report().baseImageId());

    // A second project: the tree and the config from the caches, the same image again.
    log.clear();
    BuildResult again = build(spec(base, "docker://" + target, "again", "other-cache"));
    assertHeld(base, baseId, "not pulled, its file tree from the cache");
    assertEquals(pulled.report().imageId(), again.report().imageId());
  }

  @Test
  void aTarBaseTheDaemonHoldsIsNotCompressedAndGivesTheSameImage() throws Exception {
    String base = "tar://" + ImageBuildTest.baseTar(temp);

    // The daemon lacks the base: its layers gzipped for jib, as before.
    BuildResult compressed = build(spec(base, "docker://" + target, "compressed"));
    images.add(target);
    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("Compressing the base's layers")),
        log.toString());

    DockerCli.change(List.of("load", "-q", "-i", base.substring("tar://".length())), "docker load");
    String baseId = compressed.report().baseImageId();
    images.add(baseId);
    assertTrue(DockerCli.imageId(baseId).isPresent(), "the daemon holds the base");

    log.clear();
    BuildResult held = build(spec(base, "docker://" + target, "held", "other-cache"));
    assertFalse(log.stream().anyMatch(line -> line.startsWith("Compressing")), log.toString());
    assertHeld(base, baseId, "its layers not compressed");
    assertEquals(compressed.report().imageId(), held.report().imageId(), "the same image");
    assertEquals(held.report().imageId(), DockerCli.imageId(target).orElseThrow());
  }

  /**
   * The last build said the daemon holds {@code base} under {@code id} ({@code how} ends the line)
   * and loaded only the layers it lacks, without jib's warning that the base is not pinned (it is,
   * by its ID).
   */
  private void assertHeld(String base, String id, String how) {
    assertTrue(
        log.contains("Base image " + base + ": held by the Docker daemon (" + id + "), " + how),
        log.toString());
    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("Loaded only the layers the engine lacks")),
        log.toString());
    assertFalse(
        log.stream().anyMatch(line -> line.contains("does not use a specific image digest")),
        log.toString());
  }

  private ImageSpec spec(String from, String to, String name) throws Exception {
    return spec(from, to, name, "cache");
  }

  private ImageSpec spec(String from, String to, String name, String cache) throws Exception {
    return ImageSpec.builder(
            ImageLocation.parse(from, "<from><image>", temp).withRegistryAccess(List.of(), true),
            ImageLocation.parse(to, "<to><image>", temp).withRegistryAccess(List.of(), true),
            temp.resolve("work-" + name))
        .tarImageName("test/out:1")
        .labels(Map.of("label", "on the registry's base"))
        .utilityBelt(false)
        .downloadCache(temp.resolve(cache))
        .build();
  }

  private BuildResult build(ImageSpec spec) throws Exception {
    return ImageBuild.run(spec, event -> log.add(event.getMessage()));
  }
}
