package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.connector.ServiceManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The build's side of KIP-898: writes each connector's missing ServiceLoader manifests into its own
 * {@value ServiceManifests#JAR_NAME}, puts those jars in one layer after the connector layers (so a
 * changed connector rebuilds only small layers, and a connector's own jars are never changed), and
 * records the connectors' directories in {@value ServiceManifests#LOCATIONS_VARIABLE}, beside the
 * base image's.
 */
final class ConnectorManifests {
  private final Path work;
  private final Consumer<LogEvent> log;
  private final Map<String, Path> jars = new LinkedHashMap<>();
  private final List<String> locations = new ArrayList<>();

  ConnectorManifests(Path work, Consumer<LogEvent> log) {
    this.work = work;
    this.log = log;
  }

  /**
   * Writes what connector {@code name} ({@code staged} on this machine, {@code directory} in the
   * image) lacks.
   */
  void add(String name, String directory, Path staged, ServiceManifests missing, String where)
      throws IOException, ImageBuildException {
    locations.add(directory);
    if (!missing.isEmpty() && Files.exists(staged.resolve(ServiceManifests.JAR_NAME))) {
      throw new ImageBuildException(
          where
              + ": the connector holds a file named "
              + ServiceManifests.JAR_NAME
              + ", the jar the build writes the ServiceLoader manifests it lacks into"
              + " (for "
              + String.join(", ", missing.entries().keySet())
              + "). Rename or remove that file.");
    }
    if (missing.isEmpty()) {
      log.accept(
          LogEvent.lifecycle(
              "Connector " + name + ": its own ServiceLoader manifests name every plugin"));
      return;
    }
    Path jar = work.resolve("manifests").resolve(name).resolve(ServiceManifests.JAR_NAME);
    missing.writeJar(jar);
    jars.put(directory + "/" + ServiceManifests.JAR_NAME, jar);
    int count = missing.entries().values().stream().mapToInt(Set::size).sum();
    log.accept(
        LogEvent.lifecycle(
            "Connector "
                + name
                + ": ServiceLoader manifests for "
                + count
                + (count == 1 ? " plugin entry" : " plugin entries")
                + " in "
                + ServiceManifests.JAR_NAME));
  }

  /** The layer of every manifests jar; left out when there is none. */
  void addLayer(LayerPlanner planner) throws ImageBuildException, IOException {
    LayerPlanner.Layer layer = planner.layer("connector-manifests");
    for (Map.Entry<String, Path> jar : jars.entrySet()) {
      layer.addFile(jar.getValue(), jar.getKey(), LayerPlanner.FILE_MODE, "<connectors>");
    }
    layer.finish();
  }

  /** Adds this build's connector directories to the base image's record. */
  void record(Map<String, String> environment) {
    if (!locations.isEmpty()) {
      environment.put(
          ServiceManifests.LOCATIONS_VARIABLE,
          ServiceManifests.withLocations(
              environment.get(ServiceManifests.LOCATIONS_VARIABLE), locations));
    }
  }
}
