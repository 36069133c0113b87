package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date check against a real registry (Debian's docker-registry, started by
 * scripts/local-registry.sh on a free port, plain HTTP): a registry target is up to date while its
 * tag and each extra tag name the digest the last build pushed, and a registry base while its tag
 * names the same image; a tag that another build moved builds again. A registry that does not
 * answer is never taken for up to date: the build runs, and fails as it would.
 */
class RegistryUpToDateTest {

  @TempDir Path temp;

  private String registry;
  private Path state;
  // Written by several of jib's threads at once while a build runs (none after it returned).
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startRegistry() throws Exception {
    state = temp.resolve("registry");
    registry = LocalRegistry.startOnFreePort(state);
  }

  @AfterEach
  void stopRegistry() throws Exception {
    LocalRegistry.stop(state);
  }

  @Test
  void registryTagsThatStayAreUpToDateAndMovedOrUnreachableOnesBuild() throws Exception {
    String base = "tar://" + ImageBuildTest.baseTar(temp);
    ImageSpec toRegistry = spec(base, registry + "/test/target:1", "target", "one", "latest");
    assertFalse(upToDate(toRegistry));
    assertTrue(upToDate(toRegistry));
    assertTrue(log.get(log.size() - 1).startsWith("Image " + registry + "/test/target:1 is up"));
    // Another image under the extra tag.
    build(spec(base, registry + "/test/target:latest", "other", "two"));
    assertFalse(upToDate(toRegistry), "built again: its extra tag moved");
    assertTrue(upToDate(toRegistry));

    build(spec(base, registry + "/test/base:1", "base", "base one"));
    ImageSpec onRegistryBase =
        spec(registry + "/test/base:1", "tar://" + temp.resolve("out.tar"), "on-base", "one");
    assertFalse(upToDate(onRegistryBase));
    assertTrue(upToDate(onRegistryBase));
    build(spec(base, registry + "/test/base:1", "base", "base two"));
    assertFalse(upToDate(onRegistryBase), "built again: the base's tag moved");
    assertTrue(upToDate(onRegistryBase));

    LocalRegistry.stop(state);
    for (ImageSpec spec : List.of(toRegistry, onRegistryBase)) {
      log.clear();
      ImageBuildException failed = assertThrows(ImageBuildException.class, () -> build(spec));
      assertTrue(
          log.stream().anyMatch(line -> line.startsWith("Cannot check whether the image is up")),
          log.toString());
      assertTrue(failed.getMessage().contains(registry), failed.getMessage());
    }
  }

  @Test
  void aBaseTagThatMovesWhileTheBuildRunsDoesNotChangeTheBaseItBuildsOn() throws Exception {
    String tarBase = "tar://" + ImageBuildTest.baseTar(temp);
    String base = registry + "/test/base:1";
    build(spec(tarBase, base, "base", "base one"));
    String checkedId =
        RegistryIdentity.base(
                location(base, "<from><image>"), RegistryIdentity.DEFAULT_PLATFORM, e -> {})
            .orElseThrow()
            .imageId()
            .orElseThrow();
    Path out = temp.resolve("out.tar");
    List<String> moved = new ArrayList<>();
    // The tag moves once the up-to-date check has read it, right before the base is pulled.
    BuildResult built =
        ImageBuild.run(
            spec(base, "tar://" + out, "on-base", Map.of("built", "on base")),
            event -> {
              if (event.getMessage().startsWith("Pulling base image " + base) && moved.isEmpty()) {
                moved.add(event.getMessage());
                try {
                  build(spec(tarBase, base, "mover", "base two"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    assertEquals(List.of("Pulling base image " + base), moved);
    JsonNode labels = config(out).path("config").path("Labels");
    assertEquals("base one", labels.path("label").asText(), "built on the image checked");
    // Shown as written, known by the ID of the image checked.
    assertEquals(base, labels.path("org.opencontainers.image.base.name").asText());
    assertEquals(checkedId, labels.path("org.opencontainers.image.base.digest").asText());
    assertEquals(checkedId, built.report().baseImageId());
    assertEquals(base, built.report().baseImage());
  }

  @Test
  void aPlatformsBuildChecksEachPlatformsTagAndPullsItsBasesOncePerIndex() throws Exception {
    String layout = "tar://" + PlatformBuildTest.layoutOfBothPlatforms(temp.resolve("layout.tar"));
    String target = registry + "/test/multi:1";
    ImageSpec toRegistry =
        builder(layout, target, "multi", Map.of("label", "one")).platforms(BOTH).build();
    assertFalse(upToDate(toRegistry));
    assertTrue(upToDate(toRegistry));
    // Another image under one platform's tag: the index still names the image built before.
    String tarBase = "tar://" + ImageBuildTest.baseTar(temp);
    build(spec(tarBase, registry + "/test/multi:1-linux-arm64", "mover", "moved"));
    assertFalse(upToDate(toRegistry), "built again: a platform's tag moved");
    assertTrue(upToDate(toRegistry));

    // On the index just pushed: each platform's base pulled once while the index is the same.
    log.clear();
    assertFalse(upToDate(onIndex(target, "one")));
    assertEquals(2, pulls(), log.toString());
    log.clear();
    assertFalse(upToDate(onIndex(target, "two")), "built again: a label changed");
    assertEquals(0, pulls(), log.toString());
    for (Platform platform : BOTH) {
      assertTrue(
          log.contains(
              "Base image "
                  + target
                  + " for "
                  + platform
                  + " unchanged since the last build: not pulled again"),
          log.toString());
    }
    // Another index under the tag: pulled again.
    build(builder(layout, target, "multi", Map.of("label", "other")).platforms(BOTH).build());
    log.clear();
    assertFalse(upToDate(onIndex(target, "two")), "built again: the base's tag moved");
    assertEquals(2, pulls(), log.toString());
  }

  private static final List<Platform> BOTH =
      List.of(new Platform("linux", "amd64"), new Platform("linux", "arm64"));

  /** A <platforms> build on the index {@code base}, to a tar, labelled {@code label}. */
  private ImageSpec onIndex(String base, String label) throws Exception {
    return builder(
            base, "tar://" + temp.resolve("on-index.tar"), "on-index", Map.of("label", label))
        .platforms(BOTH)
        .build();
  }

  private long pulls() {
    return log.stream().filter(line -> line.startsWith("Pulling base image")).count();
  }

  private static JsonNode config(Path tar) throws Exception {
    try (ImageTar image = ImageTar.open(tar)) {
      return new ObjectMapper().readTree(image.read(image.manifest().config()));
    }
  }

  private ImageSpec spec(String from, String to, String name, String label, String... tags)
      throws Exception {
    return spec(from, to, name, Map.of("label", label), tags);
  }

  private ImageSpec spec(
      String from, String to, String name, Map<String, String> labels, String... tags)
      throws Exception {
    return builder(from, to, name, labels, tags).build();
  }

  private ImageSpec.Builder builder(
      String from, String to, String name, Map<String, String> labels, String... tags)
      throws Exception {
    return ImageSpec.builder(
            location(from, "<from><image>"),
            location(to, "<to><image>"),
            temp.resolve("work-" + name))
        .tarImageName("test/out:1")
        .tags(List.of(tags))
        .labels(labels)
        .utilityBelt(false)
        .downloadCache(temp.resolve("cache"));
  }

  private ImageLocation location(String image, String where) throws ImageBuildException {
    return ImageLocation.parse(image, where, temp).withRegistryAccess(List.of(), true);
  }

  private BuildResult build(ImageSpec spec) throws Exception {
    return ImageBuild.run(spec, event -> log.add(event.getMessage()));
  }

  /** Builds; true when the build found its image up to date. */
  private boolean upToDate(ImageSpec spec) throws Exception {
    return build(spec).upToDate();
  }
}
