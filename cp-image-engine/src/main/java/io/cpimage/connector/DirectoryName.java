package io.cpimage.connector;

import java.util.regex.Pattern;

/**
 * A connector's or JDK's name becomes one directory in the image (under the plugin path, under
 * {@code /usr/lib/jvm}), so it is one plain path segment: letters, digits, '.', '_' and '-'.
 */
public final class DirectoryName {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private DirectoryName() {}

  public static boolean isPlain(String name) {
    return name != null && PLAIN.matcher(name).matches();
  }
}
