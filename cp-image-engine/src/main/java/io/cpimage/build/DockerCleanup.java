package io.cpimage.build;

import io.cpimage.CpImageLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cp-image:clean} removes from the local Docker engine: the images a project built
 * (label {@code io.cpimage.project=<groupId>:<artifactId>}, set by the build goal) and the
 * containers tests left behind (label {@code io.cpimage.testing=true}) that run those images.
 * Containers inherit their image's labels, so both filters together spare other projects' test
 * containers (Confluent's {@code make clean-containers} removed every labelled one).
 */
public final class DockerCleanup {

  /** A container or image: its ID and what a person recognises it by (names, tags). */
  public record Item(String id, String description) {}

  /** The containers and images that match, found before anything is removed. */
  public record Plan(List<Item> containers, List<Item> images) {
    public boolean isEmpty() {
      return containers.isEmpty() && images.isEmpty();
    }
  }

  private DockerCleanup() {}

  /** Lists what would be removed for {@code project} ({@code groupId:artifactId}). */
  public static Plan find(String project) throws ImageBuildException {
    List<Item> containers = new ArrayList<>();
    for (String line :
        DockerCli.lines(
            List.of(
                "ps",
                "--all",
                "--filter",
                "label=" + CpImageLabels.TESTING + "=true",
                "--filter",
                "label=" + CpImageLabels.PROJECT + "=" + project,
                "--format",
                "{{.ID}} {{.Names}} ({{.Image}}, {{.Status}})"),
            "listing the test containers of " + project)) {
      String[] parts = line.split(" ", 2);
      containers.add(new Item(parts[0], parts.length > 1 ? parts[1] : ""));
    }
    // One row per tag; one item per image, with all its tags.
    Map<String, List<String>> tagsById = new LinkedHashMap<>();
    for (String line :
        DockerCli.lines(
            List.of(
                "images",
                "--filter",
                "label=" + CpImageLabels.PROJECT + "=" + project,
                "--format",
                "{{.ID}} {{.Repository}}:{{.Tag}}"),
            "listing the images of " + project)) {
      String[] parts = line.split(" ", 2);
      tagsById.computeIfAbsent(parts[0], id -> new ArrayList<>()).add(parts[1]);
    }
    List<Item> images = new ArrayList<>();
    tagsById.forEach((id, tags) -> images.add(new Item(id, String.join(", ", tags))));
    return new Plan(containers, images);
  }

  /** Removes the containers first (they hold their images), then the images with all their tags. */
  public static void remove(Plan plan) throws ImageBuildException {
    if (!plan.containers().isEmpty()) {
      List<String> arguments = new ArrayList<>(List.of("rm", "--force", "--volumes"));
      plan.containers().forEach(container -> arguments.add(container.id()));
      DockerCli.change(arguments, "removing the test containers");
    }
    if (!plan.images().isEmpty()) {
      List<String> arguments = new ArrayList<>(List.of("rmi", "--force"));
      plan.images().forEach(image -> arguments.add(image.id()));
      DockerCli.change(arguments, "removing the images");
    }
  }
}
