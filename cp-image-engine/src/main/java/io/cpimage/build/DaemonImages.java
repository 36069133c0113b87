package io.cpimage.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Docker daemon said of images during one build, each image's ID and layers ({@code
 * RootFS.Layers}), from one {@code docker image inspect}: the up-to-date check reads the IDs of the
 * base and the target's names, and a load into the daemon ({@link DaemonLoad}) the layers of the
 * base and the target's last build, without asking again. A name the daemon lacks is known as
 * absent when its refusal names it (Docker's CLI prints {@code No such image: <name>}), so the
 * first build of a target asks nothing again about the base; when the refusals and the images
 * printed do not add up to the names asked, every name is left unknown. An image asked by its ID is
 * known either way (held or not), since the answer names each image by its ID.
 */
final class DaemonImages {
  /** An image the daemon holds: its ID and its layers' diff IDs, bottom first. */
  record Image(String id, List<String> layers) {}

  private static final DaemonImages NONE = new DaemonImages(Map.of());

  /** Names and IDs the answer covers; an empty value: the daemon has no image of that ID. */
  private final Map<String, Optional<Image>> said;

  private DaemonImages(Map<String, Optional<Image>> said) {
    this.said = said;
  }

  /** Nothing asked: every image is unknown. */
  static DaemonImages none() {
    return NONE;
  }

  /**
   * Asks the daemon in one call about {@code names} and, when given, the image {@code id}, which
   * the daemon may lack; asks nothing when {@code names} is empty.
   */
  static DaemonImages ask(Optional<String> id, List<String> names) {
    if (names.isEmpty()) {
      return NONE;
    }
    List<String> asked = new ArrayList<>();
    id.ifPresent(asked::add);
    asked.addAll(names);
    DockerCli.Inspected answer = DockerCli.images(asked);
    List<Image> found = answer.images();
    Map<String, Optional<Image>> said = new HashMap<>();
    if (id.isPresent() && answer.answered()) {
      // The daemon prints the images it has in the order asked, the ID's first.
      boolean held = !found.isEmpty() && found.get(0).id().equals(id.get());
      said.put(id.get(), held ? Optional.of(found.get(0)) : Optional.empty());
      found = held ? found.subList(1, found.size()) : found;
    }
    // The images printed are those of the names not refused, in the order asked.
    List<String> printed = names.stream().filter(name -> !answer.lacking().contains(name)).toList();
    if (found.size() == printed.size() && answer.answered()) {
      Iterator<Image> next = found.iterator();
      for (String name : names) {
        said.put(name, printed.contains(name) ? Optional.of(next.next()) : Optional.empty());
      }
    }
    return new DaemonImages(said);
  }

  /** The image IDs of {@code names}, in order, when the daemon named every one. */
  Optional<List<String>> ids(List<String> names) {
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      Optional<Image> image = said.getOrDefault(name, Optional.empty());
      if (image.isEmpty()) {
        return Optional.empty();
      }
      ids.add(image.get().id());
    }
    return Optional.of(ids);
  }

  /**
   * The layers of each of {@code images} (names or IDs) the daemon holds: as it said them when it
   * answered for one, the others asked now, all in one call. An image it lacks gives no entry.
   */
  List<List<String>> layers(List<String> images) {
    List<List<String>> layers = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String image : images) {
      Optional<Image> held = heldAs(image);
      if (held.isPresent()) {
        layers.add(held.get().layers());
      } else if (!said.containsKey(image)) {
        unknown.add(image);
      }
    }
    if (!unknown.isEmpty()) {
      DockerCli.images(unknown).images().forEach(held -> layers.add(held.layers()));
    }
    return layers;
  }

  /** Whether the daemon holds the image {@code id}: as it said, or asked now. */
  boolean holds(String id) {
    boolean held = heldAs(id).isPresent();
    if (held || said.containsKey(id)) {
      return held;
    }
    return DockerCli.images(List.of(id)).images().stream().anyMatch(image -> image.id().equals(id));
  }

  /** The image the daemon said it holds under {@code image}, a name asked or an image's ID. */
  private Optional<Image> heldAs(String image) {
    Optional<Image> named = said.getOrDefault(image, Optional.empty());
    if (named.isPresent()) {
      return named;
    }
    return said.values().stream()
        .flatMap(Optional::stream)
        .filter(held -> held.id().equals(image))
        .findFirst();
  }
}
