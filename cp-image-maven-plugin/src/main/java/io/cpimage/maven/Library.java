package io.cpimage.maven;

/**
 * {@code <library>}: a jar from Maven coordinates (with its runtime dependencies unless {@code
 * <transitive>false</transitive>}), a URL with checksum, or a file.
 */
public class Library {
  /** Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}. */
  String artifact;

  /** An https URL of the jar; needs a checksum. */
  String url;

  /** A jar on this machine, relative to the project directory or absolute. */
  String file;

  /** The file's SHA-256. */
  String sha256;

  /** The file's SHA-512. */
  String sha512;

  /** Accept plain http or no checksum for the URL. */
  boolean insecure;

  /** With an artifact: also its runtime dependencies (not its optional ones). */
  boolean transitive = true;

  /** The image directory; default /usr/share/java/kafka (inside a connector: its directory). */
  String into;
}
