package io.cpimage.maven;

/** {@code <jdk>}: a JDK or JRE from a directory, an archive file or a URL with checksum. */
public class Jdk {
  /** The directory name under /usr/lib/jvm. */
  String name;

  /** A JDK or JRE home on this machine. */
  String directory;

  /** A .tar.gz or .zip of a Linux JDK or JRE. */
  String file;

  /** An https URL of such an archive; needs a checksum. */
  String url;

  /** The archive's SHA-256. */
  String sha256;

  /** The archive's SHA-512. */
  String sha512;

  /** Accept plain http or no checksum for the URL. */
  boolean insecure;
}
