package io.cpimage.maven;

/**
 * {@code <library>}: a jar from Maven coordinates (with its runtime dependencies unless {@code
 * <transitive>false</transitive>}), a URL with checksum, or a file.
 */
public class Library {
  String artifact;
  String url;
  String file;
  String sha256;
  String sha512;
  boolean insecure;
  boolean transitive = true;
  String into;
}
