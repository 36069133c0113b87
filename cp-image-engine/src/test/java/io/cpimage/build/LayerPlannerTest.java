package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.cpimage.artifact.Checksum;
import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlannerTest {
  @TempDir Path temp;

  /** A base like Confluent's: the plugin path is appuser's (1000) with group root, mode 775. */
  private final BaseFilesystem base =
      BaseFilesystem.of(
          Map.of(
              "/usr", dir(0, 0, 0755),
              "/usr/share", dir(0, 0, 0755),
              "/usr/share/confluent-hub-components", dir(1000, 0, 0775),
              "/etc", dir(0, 0, 0755),
              "/etc/hosts", new Node(Type.FILE, 0, 0, 0644, null),
              "/logs", new Node(Type.SYMLINK, 0, 0, 0777, "/var/log")),
          Map.of());

  private static Node dir(int uid, int gid, int mode) {
    return new Node(Type.DIRECTORY, uid, gid, mode, null);
  }

  private static String sha256(Path file) throws IOException {
    return Checksum.sha256Of(file).hex();
  }

  /** path -> "ownership mode" for every entry, in the order jib receives them. */
  private static Map<String, String> describe(LayerPlan.Layer layer) {
    return layer.entries().stream()
        .collect(
            Collectors.toMap(
                e -> e.getExtractionPath().toString(),
                e -> e.getOwnership() + " " + e.getPermissions().toOctalString(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  private Path file(String name, String mode) throws IOException {
    Path file = temp.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  /**
   * Each layer is handed on as it ends, before the plan is complete, so that its build can start
   * while later layers are planned: the same layer the plan then lists; an empty one is not.
   */
  @Test
  void eachFinishedLayerIsHandedOnWhenItEnds() throws Exception {
    List<LayerPlan.Layer> finished = new ArrayList<>();
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256, finished::add);
    planner
        .layer("connector:a")
        .addFile(file("a.jar", "rw-r--r--"), "/opt/a/a.jar", 0644, "a")
        .finish();
    assertEquals(List.of("connector:a"), finished.stream().map(LayerPlan.Layer::name).toList());
    planner.layer("empty").finish();
    planner
        .layer("connector:b")
        .addFile(file("b.jar", "rw-r--r--"), "/opt/b/b.jar", 0644, "b")
        .finish();

    List<LayerPlan.Layer> planned = planner.plan().layers();
    assertEquals(planned.size(), finished.size());
    for (int i = 0; i < planned.size(); i++) {
      assertTrue(planned.get(i) == finished.get(i), planned.get(i).name());
    }
  }

  @Test
  void connectorLayerKeepsTheBaseOwnerOfThePluginPathAndListsParentsFirst() throws Exception {
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    planner
        .layer("connector:jdbc")
        .addFile(
            file("jdbc.jar", "rw-------"),
            "/usr/share/confluent-hub-components/jdbc/jdbc.jar",
            0644,
            "test")
        .finish();
    LayerPlan.Layer layer = planner.plan().layers().get(0);
    assertEquals("connector:jdbc", layer.name());
    assertEquals(
        List.of(
            "/usr",
            "/usr/share",
            "/usr/share/confluent-hub-components",
            "/usr/share/confluent-hub-components/jdbc",
            "/usr/share/confluent-hub-components/jdbc/jdbc.jar"),
        List.copyOf(describe(layer).keySet()));
    assertEquals("1000:0 775", describe(layer).get("/usr/share/confluent-hub-components"));
    assertEquals("0:0 755", describe(layer).get("/usr/share/confluent-hub-components/jdbc"));
    assertEquals(
        "0:0 644", describe(layer).get("/usr/share/confluent-hub-components/jdbc/jdbc.jar"));
    assertEquals(List.of("/usr/share/confluent-hub-components/jdbc/jdbc.jar"), layer.files());
  }

  @Test
  void treeKeepsExecBitsAppliesPermissionRulesAndReusesBaseDirectories() throws Exception {
    Path tree = temp.resolve("tree");
    Files.createDirectories(tree.resolve("etc/confluent/docker"));
    Path run = Files.writeString(tree.resolve("etc/confluent/docker/run"), "#!/bin/sh");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrw-r--"));
    Path template = Files.writeString(tree.resolve("etc/confluent/docker/a.template"), "x");
    Files.setPosixFilePermissions(template, PosixFilePermissions.fromString("rw-rw-rw-"));
    LayerPlanner planner = new LayerPlanner(base, temp.resolve("empty"), LayerPlannerTest::sha256);
    planner
        .layer("extra-directories")
        .addTree(
            tree, "/", List.of(new ImageSpec.PermissionRule("/etc/**/*.template", "600")), "test")
        .finish();
    Map<String, String> entries = describe(planner.plan().layers().get(0));
    assertEquals("0:0 755", entries.get("/etc"));
    assertEquals("0:0 755", entries.get("/etc/confluent/docker/run"));
    assertEquals("0:0 600", entries.get("/etc/confluent/docker/a.template"));
  }

  @Test
  void volumeBelongsToTheUserWithGroupZeroAndLaterLayersKeepIt() throws Exception {
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    planner
        .layer("volumes")
        .addDirectory("/var/lib/kafka/data", "1000:0", 0775, "<volumes>")
        .finish();
    planner
        .layer("extra")
        .addFile(file("seed", "rw-r--r--"), "/var/lib/kafka/data/seed", 0644, "test")
        .finish();
    List<LayerPlan.Layer> layers = planner.plan().layers();
    assertEquals("1000:0 775", describe(layers.get(0)).get("/var/lib/kafka/data"));
    assertEquals("0:0 755", describe(layers.get(0)).get("/var/lib/kafka"));
    // The later layer must not reset the volume to root:755.
    assertEquals("1000:0 775", describe(layers.get(1)).get("/var/lib/kafka/data"));
  }

  @Test
  void filesUnderASymlinkedDirectoryLandInItsTarget() throws Exception {
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    planner
        .layer("logs")
        .addFile(file("x.log", "rw-r--r--"), "/logs/kafka/x.log", 0644, "test")
        .finish();
    assertTrue(describe(planner.plan().layers().get(0)).containsKey("/var/log/kafka/x.log"));
  }

  @Test
  void refusesAVolumeThatIsAFileAndAFileUnderAFile() throws Exception {
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    ImageBuildException volume =
        assertThrows(
            ImageBuildException.class,
            () ->
                planner
                    .layer("volumes")
                    .addDirectory("/etc/hosts", "1000:0", 0775, "<volumes><volume>"));
    assertEquals(
        "<volumes><volume> '/etc/hosts' is a file in the base image, not a directory; choose another path",
        volume.getMessage());
    Path source = file("y", "rw-r--r--");
    ImageBuildException under =
        assertThrows(
            ImageBuildException.class,
            () -> planner.layer("x").addFile(source, "/etc/hosts/y", 0644, "<extraDirectories>"));
    assertTrue(
        under
            .getMessage()
            .startsWith("<extraDirectories>: /etc/hosts is a file in the base image"));
  }

  @Test
  void emptyLayersAreLeftOutAndLayerContentIsStable() throws Exception {
    Path jar = file("a.jar", "rw-r--r--");
    LayerPlanner first = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    first.layer("libraries").finish();
    first.layer("c").addFile(jar, "/opt/c/a.jar", 0644, "t").finish();
    LayerPlanner second = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    second.layer("c").addFile(jar, "/opt/c/a.jar", 0644, "t").finish();
    assertEquals(1, first.plan().layers().size());
    List<FileEntry> a = first.plan().layers().get(0).entries();
    List<FileEntry> b = second.plan().layers().get(0).entries();
    assertEquals(a, b);
  }

  /**
   * A jar's time comes from its content (a start-up cache checks jars by size and time): another
   * jar of the same size at the same path has another time, the same jar the same time; any other
   * file and every directory have jib's one time.
   */
  @Test
  void aJarsTimeComesFromItsContent() throws Exception {
    Path first = Files.writeString(temp.resolve("first.jar"), "content A");
    Path second = Files.writeString(temp.resolve("second.jar"), "content B");
    Path readme = Files.writeString(temp.resolve("README"), "content A");

    Map<String, Instant> firstTimes = timesOf(first, readme);
    Map<String, Instant> secondTimes = timesOf(second, readme);

    String jar = "/usr/share/java/kafka/kafka.jar";
    assertEquals(JarTime.ofSha256(sha256(first)), firstTimes.get(jar));
    assertNotEquals(firstTimes.get(jar), secondTimes.get(jar));
    assertEquals(firstTimes, timesOf(first, readme));
    assertEquals(
        FileEntriesLayer.DEFAULT_MODIFICATION_TIME, firstTimes.get("/usr/share/doc/README"));
    assertEquals(FileEntriesLayer.DEFAULT_MODIFICATION_TIME, firstTimes.get("/usr/share/java"));
  }

  /** Every entry's time, with {@code jar} and {@code readme} in a layer. */
  private Map<String, Instant> timesOf(Path jar, Path readme) throws Exception {
    LayerPlanner planner = new LayerPlanner(base, temp, LayerPlannerTest::sha256);
    planner
        .layer("libraries")
        .addFile(jar, "/usr/share/java/kafka/kafka.jar", 0644, "test")
        .addFile(readme, "/usr/share/doc/README", 0644, "test")
        .finish();
    return planner.plan().layers().get(0).entries().stream()
        .collect(
            Collectors.toMap(
                e -> e.getExtractionPath().toString(), FileEntry::getModificationTime));
  }
}
