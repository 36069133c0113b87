package io.cpimage.build;

import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.image.ImageTarball;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads jib's image into the Docker daemon sending only the layers the daemon lacks, as bazel's
 * rules_docker "incremental load" does: the tar keeps the config and the full manifest but leaves
 * out the files of the layers the daemon already holds. Which layers those are is read from the
 * images it has ({@code RootFS.Layers} of the base and of the previous build, as the daemon said
 * them to the up-to-date check: {@link DaemonImages}); that the store skips them is found out by
 * the load itself: a store that wants every file (Docker's containerd image store refuses such a
 * tar, and tags nothing) gets the whole image right after, unless the base's layers are
 * placeholders ({@link HeldBase}): then the load fails with {@link PlaceholdersRefused}, and the
 * build starts again from the saved base. A refusal is the store's only if the daemon still holds
 * those layers when asked again: an image removed while the build ran (the daemon was asked at its
 * start) only makes the load send the layers it lacks now.
 */
final class DaemonLoad implements DockerClient {
  private static final Set<String> CAPTURED = Set.of(ImageTar.MANIFEST);

  private final DaemonImages daemon;
  private final List<String> candidates;
  private final List<String> diffIds;
  private final int placeholders;
  private final Path workDirectory;
  private final Consumer<LogEvent> log;
  private List<LayerTable.Layer> layers = List.of();

  /** The daemon does not hold a layer jib has only a placeholder of: nothing was loaded. */
  static final class PlaceholdersRefused extends IOException {
    PlaceholdersRefused(String why) {
      super(why);
    }
  }

  /**
   * {@code daemon}: what it said of images during this build (asked about the others); {@code
   * candidates}: images the daemon may hold whose layers begin ours (base, last build); {@code
   * diffIds}: the image's layers, bottom first (the base's, then the planned ones); the bottom
   * {@code placeholders} of them jib has only as placeholders, which must never be sent; {@code
   * workDirectory}: the build's, which remembers an engine's refusal.
   */
  DaemonLoad(
      DaemonImages daemon,
      List<String> candidates,
      List<String> diffIds,
      int placeholders,
      Path workDirectory,
      Consumer<LogEvent> log) {
    this.daemon = daemon;
    this.candidates = candidates;
    this.diffIds = diffIds;
    this.placeholders = placeholders;
    this.workDirectory = workDirectory;
    this.log = log;
  }

  /** The loaded image's layers (size in the tar, whether sent), bottom first; none before load. */
  List<LayerTable.Layer> layers() {
    return layers;
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  @Override
  public String load(ImageTarball tarball, Consumer<Long> written)
      throws InterruptedException, IOException {
    boolean refusedBefore = refusedBefore(workDirectory);
    int held = refusedBefore ? 0 : heldPrefix(daemon);
    String whole =
        refusedBefore
            ? "Loaded the whole image (the engine refused one without the layers it holds before)"
            : "Loaded the whole image (the engine holds none of its layers)";
    while (held > 0) {
      requirePlaceholdersHeld(held, refusedBefore);
      Sent sent = send(tarball, droppedEntries(diffIds, held));
      if (sent.loaded().succeeded()) {
        record(sent.tar(), held);
        log.accept(LogEvent.lifecycle(summary("Loaded only the layers the engine lacks", held)));
        written.accept(sent.tar().passed());
        return sent.loaded().output();
      }
      int holdsNow = heldPrefix(DaemonImages.none());
      if (holdsNow < held) {
        // What the daemon said at the build's start no longer holds: not its store's doing.
        log.accept(
            LogEvent.lifecycle(
                "The engine refused the image without the layers it held when this build began ("
                    + sent.loaded().output()
                    + "): an image with them was removed meanwhile; sending the layers it lacks"
                    + " now"));
        held = holdsNow;
        continue;
      }
      String refusal =
          "The engine refused the image without the layers it holds ("
              + sent.loaded().output()
              + "): its image store does not skip held layers (as Docker's containerd store"
              + " does not); the next builds send whole images (`mvn clean` forgets this)";
      Files.writeString(refusalMark(workDirectory), refusal + System.lineSeparator());
      if (placeholders > 0) {
        throw new PlaceholdersRefused(refusal);
      }
      log.accept(LogEvent.lifecycle(refusal + "; loading the whole image"));
      whole = "Loaded the whole image";
      break;
    }
    requirePlaceholdersHeld(held, refusedBefore);
    Sent sent = send(tarball, Set.of());
    if (!sent.loaded().succeeded()) {
      throw new IOException("docker load failed: " + sent.loaded().output());
    }
    record(sent.tar(), 0);
    log.accept(LogEvent.lifecycle(summary(whole, 0)));
    written.accept(sent.tar().passed());
    return sent.loaded().output();
  }

  /**
   * Fails unless the daemon holds the bottom {@code held} layers and they include every layer jib
   * has only a placeholder of, which no load may send.
   */
  private void requirePlaceholdersHeld(int held, boolean refusedBefore) throws PlaceholdersRefused {
    if (held < placeholders) {
      throw new PlaceholdersRefused(
          refusedBefore
              ? "The engine refused an image without the layers it holds before"
              : "The engine no longer holds the base's layers ("
                  + held
                  + " of "
                  + placeholders
                  + ")");
    }
  }

  /**
   * Whether the engine of this work directory's builds refused an image without the layers it
   * holds: remembered there, so that later builds neither try nor build on a held base ({@link
   * HeldBase}) until {@code mvn clean}.
   */
  static boolean refusedBefore(Path workDirectory) {
    return Files.exists(refusalMark(workDirectory));
  }

  private static Path refusalMark(Path workDirectory) {
    return workDirectory.resolve("daemon-refuses-held-layers.txt");
  }

  /** One {@code docker load}: what the daemon said, and the tar as it went. */
  private record Sent(DockerCli.Loaded loaded, TarEntryFilter tar) {}

  /**
   * Which entries of jib's image tar to leave out when the daemon holds the image's bottom {@code
   * held} layers. The tar begins with one file per distinct layer, in the order the layers first
   * occur (a layer the image has twice, such as a base's repeated one, is written once); a file can
   * go only when no layer above {@code held} needs it.
   */
  static Set<Integer> droppedEntries(List<String> diffIds, int held) {
    List<String> files = new ArrayList<>(new LinkedHashSet<>(diffIds));
    Set<Integer> dropped = new HashSet<>();
    for (int file = 0; file < files.size(); file++) {
      if (diffIds.lastIndexOf(files.get(file)) < held) {
        dropped.add(file);
      }
    }
    return dropped;
  }

  /** Streams jib's tar into {@code docker load} without the {@code dropped} entries. */
  private static Sent send(ImageTarball tarball, Set<Integer> dropped)
      throws IOException, InterruptedException {
    List<TarEntryFilter> tar = new ArrayList<>();
    DockerCli.Loaded loaded =
        DockerCli.load(
            out -> {
              tar.add(new TarEntryFilter(out, dropped, CAPTURED));
              tarball.writeTo(tar.get(0));
            });
    return new Sent(loaded, tar.get(0));
  }

  /**
   * How many of the image's bottom layers some image in the daemon has, as the same chain (the
   * daemon holds each prefix of an image's layers), by what {@code said} of the candidates ({@link
   * DaemonImages#none()}: as the daemon says now).
   */
  private int heldPrefix(DaemonImages said) {
    int held = 0;
    for (List<String> theirs : said.layers(candidates)) {
      int common = 0;
      while (common < theirs.size()
          && common < diffIds.size()
          && theirs.get(common).equals(diffIds.get(common))) {
        common++;
      }
      held = Math.max(held, common);
    }
    return held;
  }

  /** The loaded image's layers, from the manifest that went to the daemon. */
  private void record(TarEntryFilter tar, int held) throws IOException {
    List<String> files =
        ImageTar.Manifest.parse(tar.captured().get(ImageTar.MANIFEST), "jib's image tar").layers();
    List<LayerTable.Layer> loaded = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      // A placeholder's size says nothing of the layer, which the daemon keeps unpacked.
      long size =
          i < placeholders ? LayerTable.UNKNOWN : tar.sizes().getOrDefault(files.get(i), 0L);
      loaded.add(new LayerTable.Layer(size, i >= held));
    }
    layers = List.copyOf(loaded);
  }

  private String summary(String what, int held) {
    long sentBytes = 0;
    long skippedBytes = 0;
    for (LayerTable.Layer layer : layers) {
      if (layer.sent()) {
        sentBytes += layer.size();
      } else if (layer.size() != LayerTable.UNKNOWN) {
        skippedBytes += layer.size();
      }
    }
    return what
        + ": sent "
        + layerCount(layers.size() - held)
        + " ("
        + LayerTable.size(sentBytes)
        + "), skipped "
        + layerCount(held)
        + (placeholders > 0 ? "" : " (" + LayerTable.size(skippedBytes) + ")")
        + " the engine holds";
  }

  private static String layerCount(int count) {
    return count == 1 ? "1 layer" : count + " layers";
  }

  // jib asks a daemon for these only when the base comes from it; ours is always a tar.
  @Override
  public void save(ImageReference image, Path out, Consumer<Long> written) {
    throw new UnsupportedOperationException("the base is read from a tar");
  }

  @Override
  public ImageDetails inspect(ImageReference image) {
    throw new UnsupportedOperationException("the base is read from a tar");
  }
}
