package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layers an image has at a tar or registry target, for the {@link LayerTable} (a daemon
 * target's come from {@link DaemonLoad}): each layer's size there and whether this build sent it.
 */
final class TargetLayers {
  // jib 0.28's event for a blob it found in the target registry (PushBlobStep).
  private static final Pattern ALREADY_THERE =
      Pattern.compile("BLOB already exists on target registry.*?(sha256:[0-9a-f]{64})");

  private TargetLayers() {}

  /**
   * The layers of jib's tar {@code tar}, bottom first, with their size in it: the top {@code added}
   * are written new, the others are the base's.
   */
  static List<LayerTable.Layer> inTar(Path tar, int added) throws IOException {
    try (ImageTar image = ImageTar.open(tar)) {
      List<String> names = image.manifest().layers();
      List<LayerTable.Layer> layers = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        layers.add(new LayerTable.Layer(image.size(names.get(i)), i >= names.size() - added));
      }
      return layers;
    }
  }

  /** Records, from jib's events, the blobs a push found already in the registry. */
  static final class SkippedBlobs implements Consumer<LogEvent> {
    private final Set<String> digests = ConcurrentHashMap.newKeySet();

    @Override
    public void accept(LogEvent event) {
      Matcher matcher = ALREADY_THERE.matcher(event.getMessage());
      if (matcher.find()) {
        digests.add(matcher.group(1));
      }
    }

    /** The pushed manifest's layers, bottom first: their stored size, sent unless found there. */
    List<LayerTable.Layer> layers(
        List<BuildableManifestTemplate.ContentDescriptorTemplate> pushed) {
      List<LayerTable.Layer> layers = new ArrayList<>();
      for (BuildableManifestTemplate.ContentDescriptorTemplate layer : pushed) {
        layers.add(
            new LayerTable.Layer(layer.getSize(), !digests.contains(layer.getDigest().toString())));
      }
      return layers;
    }
  }
}
