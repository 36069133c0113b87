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
    String ofProject = "label=" + CpImageLabels.PROJECT + "=" + project;
    List<Item> containers =
        listed(
            List.of("ps", "--all", "--filter", "label=" + CpImageLabels.TESTING + "=true"),
            ofProject,
            "{{.ID}} {{.Names}} ({{.Image}}, {{.Status}})",
            "listing the test containers of " + project);
    // One row per tag; one item per image, with all its tags.
    Map<String, List<String>> tagsById = new LinkedHashMap<>();
    for (Item tag :
        listed(
            List.of("images"),
            ofProject,
            "{{.ID}} {{.Repository}}:{{.Tag}}",
            "listing the images of " + project)) {
      tagsById.computeIfAbsent(tag.id(), id -> new ArrayList<>()).add(tag.description());
    }
    List<Item> images = new ArrayList<>();
    tagsById.forEach((id, tags) -> images.add(new Item(id, String.join(", ", tags))));
    return new Plan(containers, images);
  }

  /**
   * The rows {@code docker <command>} lists for {@code filter}, each formatted as {@code format}:
   * its first word is the ID, the rest describes it.
   */
  private static List<Item> listed(List<String> command, String filter, String format, String doing)
      throws ImageBuildException {
    List<String> arguments = new ArrayList<>(command);
    arguments.addAll(List.of("--filter", filter, "--format", format));
    List<Item> items = new ArrayList<>();
    for (String line : DockerCli.lines(arguments, doing)) {
      String[] parts = line.split(" ", 2);
      items.add(new Item(parts[0], parts.length > 1 ? parts[1] : ""));
    }
    return items;
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
