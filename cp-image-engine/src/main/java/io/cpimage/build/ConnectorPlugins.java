package io.cpimage.build;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.ConnectPluginScanner;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka Connect plugin classes of declared connectors, found as {@code cp-image:build} finds
 * them: each connector is fetched and laid out by {@link ArtifactStager} in {@code
 * <work>/connectors/<name>}, then read by {@link ConnectPluginScanner}. The build uses these steps
 * for every connector layer (and records the classes in its report); {@code cp-image:verify-ready}
 * uses {@link #of} when it has no current report to read them from.
 */
public final class ConnectorPlugins {

  private ConnectorPlugins() {}

  /**
   * Each connector's plugin classes, by name, in declaration order. Nothing but the staging
   * directories under {@code settings.workDirectory()} is written.
   */
  public static Map<String, List<String>> of(
      List<ImageSpec.ConnectorSpec> connectors, ImageSpec.Settings settings)
      throws ImageBuildException {
    checkNames(connectors, settings.pluginPath());
    ArtifactStager stager = new ArtifactStager(settings.downloadCache(), settings.offline());
    Map<String, List<String>> classes = new LinkedHashMap<>();
    for (ImageSpec.ConnectorSpec connector : connectors) {
      classes.put(
          connector.name(), scan(stage(stager, connector, settings.workDirectory()), connector));
    }
    return classes;
  }

  /** Each name is one directory under the plugin path, so it must be a plain and unique one. */
  static void checkNames(List<ImageSpec.ConnectorSpec> connectors, String pluginPath)
      throws ImageBuildException {
    Set<String> names = new HashSet<>();
    for (ImageSpec.ConnectorSpec connector : connectors) {
      if (connector.name() == null
          || !ImageBuild.DIRECTORY_NAME.matcher(connector.name()).matches()) {
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

  /** The connector's files as its directory in the image will hold them (libraries aside). */
  static Path stage(ArtifactStager stager, ImageSpec.ConnectorSpec connector, Path work)
      throws ImageBuildException {
    return stager.stage(
        connector.source(),
        work.resolve("connectors").resolve(connector.name()),
        connector.where());
  }

  /** The plugin classes under {@code staged}; a connector without any is refused. */
  static List<String> scan(Path staged, ImageSpec.ConnectorSpec connector)
      throws ImageBuildException {
    try {
      List<String> plugins = ConnectPluginScanner.findPluginClasses(staged);
      if (plugins.isEmpty()) {
        throw new ImageBuildException(
            connector.where()
                + ": "
                + connector.source().description()
                + " holds no Kafka Connect plugin class "
                + "(Connector, Converter, HeaderConverter, Transformation, Predicate, ConfigProvider); "
                + "check the artifact (a Confluent Hub zip or the connector's jar), or declare it under <libraries>");
      }
      return plugins;
    } catch (ArtifactException e) {
      throw new ImageBuildException(e.getMessage(), e);
    }
  }
}
