package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.image.ImageTarball;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads jib's image into the Docker daemon sending only the layers the daemon lacks, as bazel's
 * rules_docker "incremental load" does: the tar keeps the config and the full manifest but leaves
 * out the files of the layers the daemon already holds. Which layers those are is read from the
 * images it has ({@code RootFS.Layers} of the base and of the previous build); that the store skips
 * them is found out by the load itself: a store that wants every file (Docker's containerd image
 * store refuses such a tar, and tags nothing) gets the whole image right after.
 */
final class DaemonLoad implements DockerClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> candidates;
  private final Consumer<LogEvent> log;
  private List<LoadedLayer> layers = List.of();

  /** {@code candidates}: images the daemon may hold whose layers begin ours (base, last build). */
  DaemonLoad(List<String> candidates, Consumer<LogEvent> log) {
    this.candidates = candidates;
    this.log = log;
  }

  /** One layer of the loaded image: its diff ID, its size in the tar, whether it was sent. */
  record LoadedLayer(String diffId, long size, boolean sent) {}

  /** The loaded image's layers, bottom first; empty before {@link #load}. */
  List<LoadedLayer> layers() {
    return layers;
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  @Override
  public String load(ImageTarball tarball, Consumer<Long> written)
      throws InterruptedException, IOException {
    // First pass: the manifest and config (written after the layers) and each layer file's size.
    TarEntryFilter index =
        new TarEntryFilter(null, Set.of(), Set.of("manifest.json", "config.json"));
    tarball.writeTo(index);
    JsonNode manifest = JSON.readTree(index.captured().get("manifest.json")).get(0);
    byte[] configBytes = index.captured().get(manifest.get("Config").asText());
    if (configBytes == null) {
      throw new IOException("jib's image tar has no " + manifest.get("Config").asText());
    }
    List<String> diffIds = new ArrayList<>();
    JSON.readTree(configBytes)
        .path("rootfs")
        .path("diff_ids")
        .forEach(d -> diffIds.add(d.asText()));
    List<String> files = new ArrayList<>();
    manifest.get("Layers").forEach(file -> files.add(file.asText()));

    int held = heldPrefix(diffIds);
    Set<String> skipped = new HashSet<>(files.subList(0, held));
    DockerCli.Loaded loaded = null;
    if (held > 0) {
      TarEntryFilter[] sent = new TarEntryFilter[1];
      loaded =
          DockerCli.load(
              out -> {
                sent[0] = new TarEntryFilter(out, skipped, Set.of());
                tarball.writeTo(sent[0]);
              });
      if (loaded.succeeded()) {
        record(diffIds, files, index.sizes(), held);
        log.accept(LogEvent.lifecycle(summary("Loaded only the layers the engine lacks", held)));
        written.accept(sent[0].passed());
        return loaded.output();
      }
      log.accept(
          LogEvent.lifecycle(
              "The engine refused an image without the layers it holds ("
                  + loaded.output()
                  + "); its image store does not skip them (Docker's containerd store does not), "
                  + "so the whole image is loaded"));
    }
    loaded = DockerCli.load(tarball::writeTo);
    if (!loaded.succeeded()) {
      throw new IOException("docker load failed: " + loaded.output());
    }
    record(diffIds, files, index.sizes(), 0);
    log.accept(
        LogEvent.lifecycle(
            summary(
                held > 0
                    ? "Loaded the whole image"
                    : "Loaded the whole image (the engine holds none of its layers)",
                0)));
    written.accept(index.sizes().values().stream().mapToLong(Long::longValue).sum());
    return loaded.output();
  }

  /** How many of our bottom layers some image in the daemon has, as the same chain. */
  private int heldPrefix(List<String> diffIds) {
    int held = 0;
    for (String candidate : candidates) {
      List<String> theirs = DockerCli.layers(candidate);
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

  private void record(List<String> diffIds, List<String> files, Map<String, Long> sizes, int held) {
    List<LoadedLayer> loaded = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      loaded.add(new LoadedLayer(diffIds.get(i), sizes.getOrDefault(files.get(i), 0L), i >= held));
    }
    layers = List.copyOf(loaded);
  }

  private String summary(String what, int held) {
    long sentBytes = 0;
    long skippedBytes = 0;
    for (LoadedLayer layer : layers) {
      if (layer.sent()) {
        sentBytes += layer.size();
      } else {
        skippedBytes += layer.size();
      }
    }
    return what
        + ": sent "
        + (layers.size() - held)
        + " layers ("
        + LayerTable.size(sentBytes)
        + "), skipped "
        + held
        + " layers ("
        + LayerTable.size(skippedBytes)
        + ") the engine holds";
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
