package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <connector>}: a Kafka Connect plugin from coordinates, a URL with checksum, or a file. */
public class Connector extends SourceParameter {
  /**
   * The connector's directory under the plugin path; default: the artifactId, or the file or URL's
   * name without version and extension.
   */
  String name;

  /** Jars put into the connector's directory (e.g. a JDBC driver). */
  List<Library> libraries = new ArrayList<>();
}
