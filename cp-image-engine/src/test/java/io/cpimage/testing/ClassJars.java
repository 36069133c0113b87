package io.cpimage.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The jars on the test class path, found by a class they hold: real connectors and libraries. */
public final class ClassJars {

  private ClassJars() {}

  /** The jar (or classes directory) {@code type} was loaded from. */
  public static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(type + " has no usable code source", e);
    }
  }
}
