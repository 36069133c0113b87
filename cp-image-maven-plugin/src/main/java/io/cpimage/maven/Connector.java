package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <connector>}: a Kafka Connect plugin from coordinates, a URL with checksum, or a file. */
public class Connector {
  /**
   * The connector's directory under the plugin path; default: the artifactId, or the file or URL's
   * name without version and extension.
   */
  String name;

  /** Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}. */
  String artifact;

  /** An https URL of the connector's jar or archive; needs a checksum. */
  String url;

  /** A jar or archive on this machine, relative to the project directory or absolute. */
  String file;

  /** The file's SHA-256. */
  String sha256;

  /** The file's SHA-512. */
  String sha512;

  /** Accept plain http or no checksum for the URL. */
  boolean insecure;

  /** Jars put into the connector's directory (e.g. a JDBC driver). */
  List<Library> libraries = new ArrayList<>();
}
