package io.cpimage.pom;

import java.util.regex.Pattern;

/** The name a connector gets from its file name: without version, classifier and extension. */
final class BaseNames {

  /** Archive and jar extensions the build goal accepts. */
  private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(tar\\.gz|tgz|zip|jar)$");

  /** A version starts at the first "-" followed by a digit: name-1.2.3-plugin gives name. */
  private static final Pattern VERSION_SUFFIX = Pattern.compile("-\\d.*$");

  private BaseNames() {}

  static String of(String fileName) {
    String withoutExtension = EXTENSION.matcher(fileName).replaceFirst("");
    String name = VERSION_SUFFIX.matcher(withoutExtension).replaceFirst("");
    return name.isEmpty() ? withoutExtension : name;
  }
}
