package io.cpimage.pom;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code <connector>} of the plugin configuration: its directory name under the plugin path,
 * where it comes from, and the libraries (e.g. a JDBC driver) placed inside its directory.
 */
public record ConnectorDeclaration(
    String name, ConnectorSource source, List<ConnectorSource> libraries) {

  /** The name becomes a directory under the plugin path, so it is one plain path segment. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public ConnectorDeclaration {
    if (!NAME.matcher(name).matches()) {
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
