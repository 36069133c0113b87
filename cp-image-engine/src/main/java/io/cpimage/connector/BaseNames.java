package io.cpimage.connector;

import java.util.regex.Pattern;

/** The name a connector gets from its file name: without version, classifier and extension. */
final class BaseNames {

  /** Archive and jar extensions the build goal accepts. */
  private static final Pattern EXTENSION = Pattern.compile("(?i)\\.(tar\\.gz|tgz|zip|jar)$");

  /**
   * A trailing version ({@code -1.2.3}, {@code -3.1.0.Final}) and what follows it to the end
   * ({@code -plugin}, {@code -SNAPSHOT}). A digit inside the name ({@code my-2fa-connector}) is not
   * one: a version's first part ends at a dot, a dash or the end.
   */
  private static final Pattern VERSION_SUFFIX =
      Pattern.compile("-\\d+(\\.[A-Za-z0-9]+)*(-[A-Za-z0-9.]+)*$");

  private BaseNames() {}

  /**
   * The base name of the last segment of {@code path}, whether '/' or a backslash separates them.
   */
  static String of(String path) {
    String normalized = path.replace('\\', '/');
    String fileName = normalized.substring(normalized.lastIndexOf('/') + 1);
    String withoutExtension = EXTENSION.matcher(fileName).replaceFirst("");
    String name = VERSION_SUFFIX.matcher(withoutExtension).replaceFirst("");
    return name.isEmpty() ? withoutExtension : name;
  }
}
