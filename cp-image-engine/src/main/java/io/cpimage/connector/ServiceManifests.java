package io.cpimage.connector;

import io.cpimage.artifact.ConnectPluginScanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ServiceLoader manifests (KIP-898) a connector lacks: for each service type, the plugin
 * classes the scan found that none of the connector's own {@code META-INF/services} files names.
 * The build writes them into a jar of their own, {@value #JAR_NAME}, beside the connector's jars,
 * as Kafka's {@code connect-plugin-path sync-manifests} would, but without touching the connector's
 * jars: a worker with {@code plugin.discovery=service_load} then finds every plugin without
 * scanning the classes.
 */
public final class ServiceManifests {
  /** The jar the manifests go in, inside the connector's directory. */
  public static final String JAR_NAME = "cp-image-manifests.jar";

  /**
   * The image's record of the plugin locations (comma-separated image paths) whose plugins all have
   * manifests; the Connect images' boot scripts choose {@code service_load} from it.
   */
  public static final String LOCATIONS_VARIABLE = "CP_IMAGE_CONNECT_MANIFESTS";

  // A fixed time keeps the jar, and so its layer, the same from one build to the next.
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private final Map<String, Set<String>> missing;

  private ServiceManifests(Map<String, Set<String>> missing) {
    this.missing = missing;
  }

  /** What {@code scan} found without a manifest entry. */
  public static ServiceManifests missingFrom(ConnectPluginScanner.Scan scan) {
    Map<String, Set<String>> missing = new TreeMap<>();
    scan.services()
        .forEach(
            (type, providers) -> {
              Set<String> lacking = new TreeSet<>(providers);
              lacking.removeAll(scan.declaredServices().getOrDefault(type, Set.of()));
              if (!lacking.isEmpty()) {
                missing.put(type, lacking);
              }
            });
    return new ServiceManifests(missing);
  }

  /** Manifests of {@code entries} (service type -> plugin classes), as {@link #entries} gives. */
  static ServiceManifests of(Map<String, Set<String>> entries) {
    Map<String, Set<String>> copy = new TreeMap<>();
    entries.forEach((type, classes) -> copy.put(type, new TreeSet<>(classes)));
    return new ServiceManifests(copy);
  }

  /** Whether the connector's own manifests already name every plugin. */
  public boolean isEmpty() {
    return missing.isEmpty();
  }

  /** Service type -> the plugin classes its manifest will name, both sorted. */
  public Map<String, Set<String>> entries() {
    return missing;
  }

  /**
   * Writes the manifests jar to {@code file} (replacing it), the same bytes for the same entries.
   */
  public void writeJar(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(partial);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, Set<String>> service : missing.entrySet()) {
        ZipEntry entry = new ZipEntry("META-INF/services/" + service.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        StringBuilder text = new StringBuilder("# Written by cp-image:build (KIP-898)\n");
        service.getValue().forEach(provider -> text.append(provider).append('\n'));
        zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The value of {@link #LOCATIONS_VARIABLE} after adding {@code locations} to {@code current} (the
   * base image's value, or null), each once, in order.
   */
  public static String withLocations(String current, List<String> locations) {
    Set<String> all = new LinkedHashSet<>();
    if (current != null && !current.isBlank()) {
      Arrays.stream(current.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(all::add);
    }
    all.addAll(locations);
    return String.join(",", new ArrayList<>(all));
  }
}
