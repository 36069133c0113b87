package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <connector>}: a Kafka Connect plugin from coordinates, a URL with checksum, or a file. */
public class Connector {
  String name;
  String artifact;
  String url;
  String file;
  String sha256;
  String sha512;
  boolean insecure;
  List<Library> libraries = new ArrayList<>();
}
