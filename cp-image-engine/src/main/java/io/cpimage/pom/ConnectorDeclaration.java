package io.cpimage.pom;

import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.DirectoryName;
import java.util.List;

/**
 * One {@code <connector>} of the plugin configuration: its directory name under the plugin path,
 * where it comes from, and the libraries (e.g. a JDBC driver) placed inside its directory.
 */
public record ConnectorDeclaration(
    String name, ConnectorSource source, List<ConnectorSource> libraries) {

  public ConnectorDeclaration {
    if (!DirectoryName.isPlain(name)) {
      throw new IllegalArgumentException(
          "connector name '"
              + name
              + "' is not a plain directory name (letters, digits, '.', '_', '-'); set one with"
              + " -Dname=");
    }
    libraries = List.copyOf(libraries);
  }

  /** A connector named after its source, as the build goal names one without {@code <name>}. */
  public static ConnectorDeclaration of(ConnectorSource source, List<ConnectorSource> libraries) {
    return new ConnectorDeclaration(source.defaultName(), source, libraries);
  }

  public ConnectorDeclaration withName(String newName) {
    return new ConnectorDeclaration(newName, source, libraries);
  }

  public ConnectorDeclaration withLibraries(List<ConnectorSource> newLibraries) {
    return new ConnectorDeclaration(name, source, newLibraries);
  }
}
