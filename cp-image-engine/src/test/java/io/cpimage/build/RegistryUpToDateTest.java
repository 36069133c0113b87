package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final List<String> log = new ArrayList<>();

  @Test
  void registryTagsThatStayAreUpToDateAndMovedOrUnreachableOnesBuild() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    registry = "127.0.0.1:" + port;
    Path state = temp.resolve("registry");
    LocalRegistry.start(state, port);
    try {
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
    } finally {
      LocalRegistry.stop(state);
    }
  }

  private ImageSpec spec(String from, String to, String name, String label, String... tags)
      throws Exception {
    return ImageSpec.builder(
            location(from, "<from><image>"),
            location(to, "<to><image>"),
            temp.resolve("work-" + name))
        .tarImageName("test/out:1")
        .tags(List.of(tags))
        .labels(Map.of("label", label))
        .utilityBelt(false)
        .downloadCache(temp.resolve("cache"))
        .build();
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
