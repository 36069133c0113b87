package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cpimage.connector.ConnectorSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    // met the base: its file tree read in the daemon. The image names itself in its SBOM, so
    // the same name.
    log.clear();
    BuildResult held = build(spec(base, "docker://" + target, "held", "other-cache"));
    assertFalse(log.stream().anyMatch(line -> line.startsWith("Pulling")), log.toString());
    // The base is an image this code built: its file tree comes from the tree it holds.
    assertHeld(
        base, baseId, "not pulled, its file tree from the image's " + ImageFileTree.IMAGE_PATH);
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

  @Test
  void aDockerBaseThisCodeBuiltIsReadFromItsOwnTreeAndOnlyWhileItsLayersAreThoseOfTheTree()
      throws Exception {
    String base = "cp-image-engine-test/tree-base:" + UUID.randomUUID();
    Path jar = Files.writeString(temp.resolve("kafka-extra.jar"), "not really a jar");
    ImageSpec baseSpec =
        ImageSpec.builder(
                ImageLocation.parse("tar://" + ImageBuildTest.baseTar(temp), "<from><image>", temp),
                ImageLocation.parse("docker://" + base, "<to><image>", temp),
                temp.resolve("work-tree-base"))
            .volumes(List.of("/var/lib/kafka/data"))
            .libraries(
                List.of(
                    new ImageSpec.LibrarySpec(
                        new ConnectorSource.LocalFile(jar, null), null, "<libraries><library>")))
            .utilityBelt(false)
            .downloadCache(temp.resolve("cache"))
            .build();
    ImageBuild.run(baseSpec, event -> {});
    images.add(base);
    String id = DockerCli.imageId(base).orElseThrow();

    List<String> read = new ArrayList<>();
    BaseImage held =
        HeldBase.load(
            ImageLocation.parse("docker://" + base, "<from><image>", temp),
            id,
            settings("tree-cache"),
            event -> read.add(event.getMessage()));
    assertEquals(
        List.of(
            "Base image docker://"
                + base
                + ": held by the Docker daemon, its file tree from the image's "
                + ImageFileTree.IMAGE_PATH),
        read);

    // What the tree says is what the daemon's own export of the image has, node for node, but for
    // the files Docker adds to every container.
    BaseFilesystem exported = exported(base);
    Map<String, BaseFilesystem.Node> tree = new TreeMap<>(held.filesystem().nodes());
    Map<String, BaseFilesystem.Node> export = new TreeMap<>(exported.nodes());
    export.keySet().removeAll(CONTAINER_FILES);
    assertEquals(export, tree);
    assertEquals(exported.digests(), held.filesystem().digests());
    assertTrue(
        held.filesystem().digests().containsKey("/usr/share/java/kafka/kafka-extra.jar"),
        held.filesystem().digests().toString());
    assertEquals(
        "1000:0", held.filesystem().lookup("/var/lib/kafka/data").orElseThrow().ownership());
    assertEquals(exported.text("/etc/passwd"), held.filesystem().text("/etc/passwd"));

    // A layer added on top (here by docker commit) leaves the tree behind: the image is exported.
    String committed = base + "-committed";
    String container =
        DockerCli.lines(List.of("create", "--entrypoint", "/none", base), "docker create").get(0);
    try {
      DockerCli.change(List.of("cp", jar.toString(), container + ":/etc/added.jar"), "docker cp");
      DockerCli.change(List.of("commit", container, committed), "docker commit");
    } finally {
      DockerCli.change(List.of("rm", container), "docker rm");
    }
    images.add(committed);
    read.clear();
    BaseImage onTop =
        HeldBase.load(
            ImageLocation.parse("docker://" + committed, "<from><image>", temp),
            DockerCli.imageId(committed).orElseThrow(),
            settings("tree-cache"),
            event -> read.add(event.getMessage()));
    assertEquals(
        List.of(
            "Base image docker://"
                + committed
                + ": held by the Docker daemon, its /usr/share/cp-image/file-tree describes other"
                + " layers or comes from another version of cp-image, reading its file tree"),
        read);
    assertEquals(
        BaseFilesystem.Type.FILE, onTop.filesystem().lookup("/etc/added.jar").orElseThrow().type());

    // The same image saved to a tar: its layers are read, the tree in the layer below the top left.
    Path saved = temp.resolve("committed.tar");
    DockerCli.change(List.of("save", "-o", saved.toString(), committed), "docker save");
    read.clear();
    BaseImage fromTar = TarBase.read(saved, temp.resolve("saved"), read);
    assertEquals(List.of(), read, "its last layer, docker commit's, holds no tree");
    assertEquals(
        new TreeMap<>(onTop.filesystem().nodes())
            .keySet().stream().filter(path -> !CONTAINER_FILES.contains(path)).toList(),
        new TreeMap<>(fromTar.filesystem().nodes()).keySet().stream().toList());
  }

  /** What Docker adds to every container's file tree, which an image's own tree does not hold. */
  private static final Set<String> CONTAINER_FILES =
      Set.of(
          "/.dockerenv",
          "/dev",
          "/dev/console",
          "/dev/pts",
          "/dev/shm",
          "/etc/hostname",
          "/etc/hosts",
          "/etc/mtab",
          "/etc/resolv.conf",
          "/proc",
          "/sys");

  /** The file tree of the daemon's {@code image}, read from its export. */
  private static BaseFilesystem exported(String image) throws Exception {
    BaseFilesystem tree = BaseFilesystem.empty();
    DockerCli.inCreatedContainer(
        image,
        "test",
        container -> {
          DockerCli.exportFiles(container, image, "test", tree::applyLayer);
          return null;
        });
    return tree;
  }

  private ImageSpec.Settings settings(String cache) {
    return new ImageSpec.Settings(
        temp.resolve("work-" + cache),
        temp.resolve("work-" + cache + "/report.json"),
        temp.resolve(cache),
        java.time.Instant.EPOCH,
        true,
        ImageSpec.DEFAULT_PLUGIN_PATH,
        null);
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
