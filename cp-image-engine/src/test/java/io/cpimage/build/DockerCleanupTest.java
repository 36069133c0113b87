package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cpimage.CpImageLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code cp-image:clean} finds and removes, with a real Docker daemon (skipped without one).
 */
class DockerCleanupTest {
  private static final String PROJECT = "io.cpimage.it:docker-cleanup-test";

  @TempDir Path temp;
  private final String image = "cp-image-engine-test/cleanup:" + UUID.randomUUID();
  private final List<String> containers = new ArrayList<>();

  @AfterEach
  void removeContainersAndImage() throws Exception {
    List<String> rm = new ArrayList<>(List.of("docker", "rm", "--force", "--volumes"));
    rm.addAll(containers);
    if (!containers.isEmpty()) {
      run(rm);
    }
    run(List.of("docker", "rmi", "--force", image));
  }

  /**
   * A container a build created to export a base and never removed (the build killed in between) is
   * left while a build may still be reading it, and removed once older than that; a container
   * created the same way without the label stays.
   */
  @Test
  void removesAnExportContainerABuildLeftAndNoOther() throws Exception {
    assumeTrue(DockerCli.daemonAnswers(), "no Docker daemon");
    ImportedImage.create(temp, image, "hello", "hello\n".getBytes(StandardCharsets.UTF_8));
    // As DockerCli.exportFiles creates it: labelled, never started.
    String leftover =
        create("--label", CpImageLabels.EXPORT + "=true", "--entrypoint", "/cp-image-export");
    String unlabelled = create("--entrypoint", "/cp-image-export");

    DockerCleanup.Plan justCreated = DockerCleanup.find(PROJECT);
    assertFalse(holds(justCreated.leftoverExports(), leftover), "a build may be reading it");
    assertTrue(justCreated.recentExports() >= 1);

    DockerCleanup.Plan plan = DockerCleanup.find(PROJECT, Duration.ZERO);
    List<DockerCleanup.Item> mine =
        plan.leftoverExports().stream().filter(item -> leftover.startsWith(item.id())).toList();
    assertEquals(1, mine.size());
    assertTrue(mine.get(0).description().contains(image), mine.get(0).description());
    assertFalse(holds(plan.leftoverExports(), unlabelled));
    assertFalse(holds(plan.containers(), unlabelled));
    // The engine is shared: the test removes its own leftover only, as the goal would remove all.
    DockerCleanup.remove(new DockerCleanup.Plan(List.of(), List.of(), mine, 0));

    assertFalse(exists(leftover));
    assertTrue(exists(unlabelled));
  }

  private static boolean holds(List<DockerCleanup.Item> items, String container) {
    return items.stream().anyMatch(item -> container.startsWith(item.id()));
  }

  private String create(String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker", "create"));
    command.addAll(List.of(options));
    command.add(image);
    Finished created = run(command);
    assertEquals(0, created.exitCode(), created.output());
    // The ID is the last line; a warning may come before it.
    String id = created.output().strip().lines().reduce((first, second) -> second).orElseThrow();
    containers.add(id);
    return id;
  }

  private static boolean exists(String container) throws IOException, InterruptedException {
    return run(List.of("docker", "container", "inspect", container)).exitCode() == 0;
  }

  private record Finished(int exitCode, String output) {}

  private static Finished run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Finished(process.waitFor(), output);
  }
}
