package io.cpimage.maven;

/**
 * Where a {@code <connector>} or a {@code <library>} comes from: exactly one of Maven coordinates,
 * a URL with its checksum, or a file. Both element types extend it, so the pom spells the source
 * the same way in each and {@link ImageSpecReader} parses it once.
 */
abstract class SourceParameter {
  /** Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}. */
  String artifact;

  /** An https URL of the jar (a connector's may also be an archive); needs a checksum. */
  String url;

  /** A jar or archive on this machine, relative to the project directory or absolute. */
  String file;

  /** The file's SHA-256. */
  String sha256;

  /** The file's SHA-512. */
  String sha512;

  /** Accept plain http or no checksum for the URL. */
  boolean insecure;

  /** The artifact, URL or file as the pom gives it, for messages that name this source. */
  String declared() {
    return artifact != null ? artifact : url != null ? url : file;
  }
}
