package io.cpimage.build;

import io.cpimage.CpImageLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code cp-image:clean} removes from the local Docker engine: the images a project built
 * (label {@code io.cpimage.project=<groupId>:<artifactId>}, set by the build goal) and the
 * containers tests left behind (label {@code io.cpimage.testing=true}) that run those images.
 * Containers inherit their image's labels, so both filters together spare other projects' test
 * containers (Confluent's {@code make clean-containers} removed every labelled one). It also
 * removes the export containers ({@code io.cpimage.export=true}) of any project that a build
 * created to read a {@code docker://} base and could not remove because it was killed: created,
 * never started, and older than a build's export takes, since one on this engine may be reading its
 * container now.
 */
public final class DockerCleanup {

  /**
   * How long after its creation an export container may still be one a build is reading: an export
   * of a base takes seconds, a minute on a loaded machine; younger ones are left alone.
   */
  public static final Duration EXPORT_IN_USE = Duration.ofMinutes(10);

  /** How {@code docker ps} prints {@code {{.CreatedAt}}} (Go's time format), up to the offset. */
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss Z");

  /** A container or image: its ID and what a person recognises it by (names, tags). */
  public record Item(String id, String description) {}

  /**
   * The containers and images that match, found before anything is removed: the project's test
   * containers and images, the export containers builds left, and how many export containers were
   * left alone as possibly in use.
   */
  public record Plan(
      List<Item> containers, List<Item> images, List<Item> leftoverExports, int recentExports) {
    public boolean isEmpty() {
      return containers.isEmpty() && images.isEmpty() && leftoverExports.isEmpty();
    }
  }

  private DockerCleanup() {}

  /** Lists what would be removed for {@code project} ({@code groupId:artifactId}). */
  public static Plan find(String project) throws ImageBuildException {
    return find(project, EXPORT_IN_USE);
  }

  /**
   * As {@link #find(String)}, taking export containers created at least {@code exportInUse} ago (by
   * the engine's clock) for leftovers.
   */
  static Plan find(String project, Duration exportInUse) throws ImageBuildException {
    String ofProject = "label=" + CpImageLabels.PROJECT + "=" + project;
    List<Item> containers =
        listed(
            List.of(
                "ps",
                "--all",
                "--filter",
                "label=" + CpImageLabels.TESTING + "=true",
                "--filter",
                ofProject,
                "--format",
                "{{.ID}} {{.Names}} ({{.Image}}, {{.Status}})"),
            "listing the test containers of " + project);
    // One row per tag; one item per image, with all its tags.
    Map<String, List<String>> tagsById = new LinkedHashMap<>();
    for (Item tag :
        listed(
            List.of(
                "images", "--filter", ofProject, "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"),
            "listing the images of " + project)) {
      tagsById.computeIfAbsent(tag.id(), id -> new ArrayList<>()).add(tag.description());
    }
    List<Item> images = new ArrayList<>();
    tagsById.forEach((id, tags) -> images.add(new Item(id, String.join(", ", tags))));
    // Created is the state a build leaves its export container in; exited too, in case anyone
    // started one. A running container is never an export left behind.
    List<Item> leftoverExports = new ArrayList<>();
    int recentExports = 0;
    Instant leftBefore = Instant.now().minus(exportInUse);
    for (String line :
        DockerCli.lines(
            List.of(
                "ps",
                "--all",
                "--filter",
                "label=" + CpImageLabels.EXPORT + "=true",
                "--filter",
                "status=created",
                "--filter",
                "status=exited",
                "--format",
                "{{.CreatedAt}}\t{{.ID}} {{.Names}} ({{.Image}}, {{.Status}})"),
            "listing the export containers builds left")) {
      String[] columns = line.split("\t", 2);
      Optional<Instant> created = createdAt(columns[0]);
      if (columns.length == 2 && created.isPresent() && !created.get().isAfter(leftBefore)) {
        leftoverExports.add(item(columns[1]));
      } else {
        recentExports++;
      }
    }
    return new Plan(containers, images, leftoverExports, recentExports);
  }

  /**
   * The time {@code docker ps} gives as {@code 2024-05-01 12:00:00 +0000 UTC}; empty when it is not
   * in that form, and the container is then taken for one in use.
   */
  private static Optional<Instant> createdAt(String text) {
    String[] words = text.split(" ");
    if (words.length < 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(words[0] + " " + words[1] + " " + words[2], CREATED_AT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The rows {@code docker <arguments>} lists, each formatted with its ID as the first word and the
   * rest describing it.
   */
  private static List<Item> listed(List<String> arguments, String doing)
      throws ImageBuildException {
    List<Item> items = new ArrayList<>();
    for (String line : DockerCli.lines(arguments, doing)) {
      items.add(item(line));
    }
    return items;
  }

  private static Item item(String line) {
    String[] parts = line.split(" ", 2);
    return new Item(parts[0], parts.length > 1 ? parts[1] : "");
  }

  /**
   * Removes the containers first (they hold their images), then the images with all their tags.
   * Export containers are removed without {@code --force}: one that runs after all stays.
   */
  public static void remove(Plan plan) throws ImageBuildException {
    if (!plan.containers().isEmpty()) {
      List<String> arguments = new ArrayList<>(List.of("rm", "--force", "--volumes"));
      plan.containers().forEach(container -> arguments.add(container.id()));
      DockerCli.change(arguments, "removing the test containers");
    }
    if (!plan.leftoverExports().isEmpty()) {
      List<String> arguments = new ArrayList<>(List.of("rm", "--volumes"));
      plan.leftoverExports().forEach(container -> arguments.add(container.id()));
      DockerCli.change(arguments, "removing the export containers builds left");
    }
    if (!plan.images().isEmpty()) {
      List<String> arguments = new ArrayList<>(List.of("rmi", "--force"));
      plan.images().forEach(image -> arguments.add(image.id()));
      DockerCli.change(arguments, "removing the images");
    }
  }
}
