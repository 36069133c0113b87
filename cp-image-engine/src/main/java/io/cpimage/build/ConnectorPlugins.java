package io.cpimage.build;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.connector.ConnectorPipeline;
import io.cpimage.connector.DirectoryName;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared connectors of a spec as {@code cp-image:build} lays them out: names checked, then
 * each staged and scanned by the {@link ConnectorPipeline}. {@code cp-image:verify-ready} uses
 * {@link #of} when it has no current report to read the plugin classes from.
 */
public final class ConnectorPlugins {

  private ConnectorPlugins() {}

  /**
   * Each connector's plugin classes, by name, in declaration order. Nothing but the connector cache
   * beside the downloads ({@code settings.downloadCache()}) is written.
   */
  public static Map<String, List<String>> of(
      List<ImageSpec.ConnectorSpec> connectors, ImageSpec.Settings settings)
      throws ImageBuildException, ArtifactException {
    checkNames(connectors, settings.pluginPath());
    ConnectorPipeline pipeline = ImageBuild.pipeline(settings);
    Map<String, List<String>> classes = new LinkedHashMap<>();
    for (ImageSpec.ConnectorSpec connector : connectors) {
      classes.put(
          connector.name(),
          pipeline
              .stageConnector(connector.name(), connector.source(), connector.where())
              .pluginClasses());
    }
    return classes;
  }

  /** Each name is one directory under the plugin path, so it must be a plain and unique one. */
  static void checkNames(List<ImageSpec.ConnectorSpec> connectors, String pluginPath)
      throws ImageBuildException {
    Set<String> names = new HashSet<>();
    for (ImageSpec.ConnectorSpec connector : connectors) {
      if (!DirectoryName.isPlain(connector.name())) {
        throw new ImageBuildException(
            connector.where()
                + ": the name '"
                + connector.name()
                + "' is not a directory name; use letters, "
                + "digits, '.', '_' and '-' (e.g. <name>jdbc</name>)");
      }
      if (!names.add(connector.name())) {
        throw new ImageBuildException(
            "<connectors>: two connectors are named '"
                + connector.name()
                + "'; each connector needs its own "
                + "<name> (it is its directory under "
                + pluginPath
                + "; a connector without <name> is named after its artifactId or file name)");
      }
    }
  }
}
