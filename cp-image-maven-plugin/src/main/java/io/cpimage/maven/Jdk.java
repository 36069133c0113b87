package io.cpimage.maven;

/** {@code <jdk>}: a JDK or JRE from a directory, an archive file or a URL with checksum. */
public class Jdk {
  String name;
  String directory;
  String file;
  String url;
  String sha256;
  String sha512;
  boolean insecure;
}
