package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The layers an image has at a tar or registry target, for the {@link LayerTable} (a daemon
 * target's come from {@link DaemonLoad}): each layer's size there and whether this build sent it.
 */
final class TargetLayers {
  private static final ObjectMapper JSON = new ObjectMapper();

  // jib 0.28's event for a blob it found in the target registry (PushBlobStep).
  private static final Pattern ALREADY_THERE =
      Pattern.compile("BLOB already exists on target registry.*?(sha256:[0-9a-f]{64})");

  private TargetLayers() {}

  /**
   * The layers of jib's tar {@code tar}, bottom first, with their size in it: the top {@code added}
   * are written new, the others are the base's.
   */
  static List<LayerTable.Layer> inTar(Path tar, int added) throws IOException {
    try (TarFile file = new TarFile(tar)) {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      for (TarArchiveEntry entry : file.getEntries()) {
        entries.put(entry.getName(), entry);
      }
      TarArchiveEntry manifestEntry = entries.get("manifest.json");
      if (manifestEntry == null) {
        throw new IOException(tar + " has no manifest.json");
      }
      JsonNode names;
      try (InputStream in = file.getInputStream(manifestEntry)) {
        names = JSON.readTree(in).get(0).get("Layers");
      }
      List<LayerTable.Layer> layers = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        TarArchiveEntry entry = entries.get(names.get(i).asText());
        layers.add(
            new LayerTable.Layer(entry == null ? 0 : entry.getSize(), i >= names.size() - added));
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
