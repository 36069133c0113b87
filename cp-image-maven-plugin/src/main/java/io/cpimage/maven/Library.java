package io.cpimage.maven;

/**
 * {@code <library>}: a jar from Maven coordinates (with its runtime dependencies unless {@code
 * <transitive>false</transitive>}), a URL with checksum, or a file.
 */
public class Library extends SourceParameter {
  /** With an artifact: also its runtime dependencies (not its optional ones). */
  boolean transitive = true;

  /** The image directory; default /usr/share/java/kafka (inside a connector: its directory). */
  String into;
}
