package io.cpimage.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One platform an image is built for, as {@code <platform><os>linux</os><architecture>arm64
 * </architecture></platform>} (jib's shape) or {@code linux/arm64} declares it: the names an image
 * index and an image config use (GOOS and GOARCH).
 */
public record Platform(String os, String architecture) {

  /** The one platform the images of this project are built for when none is declared. */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64");

  // What GOOS and GOARCH values look like; a typo such as "arm 64" or "linux/" fails here.
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

  /**
   * The platform of {@code os} and {@code architecture}; {@code where} names the pom element for
   * the message. Names are lower-cased, as the OCI image spec writes them.
   */
  public static Platform of(String os, String architecture, String where)
      throws ImageBuildException {
    String osName = checked(os, "os", where);
    String architectureName = checked(architecture, "architecture", where);
    return new Platform(osName, architectureName);
  }

  /** Parses {@code os/architecture} (e.g. {@code linux/arm64}), as the -D override gives it. */
  public static Platform parse(String value, String where) throws ImageBuildException {
    String[] parts = value == null ? new String[0] : value.trim().split("/", -1);
    if (parts.length != 2) {
      throw new ImageBuildException(
          where + " '" + value + "' is not os/architecture; write e.g. linux/arm64");
    }
    return of(parts[0], parts[1], where);
  }

  /** Parses a comma-separated list of {@code os/architecture}, in order, without duplicates. */
  public static List<Platform> parseList(String value, String where) throws ImageBuildException {
    List<Platform> platforms = new ArrayList<>();
    for (String item : value.split(",")) {
      Platform platform = parse(item, where);
      if (!platforms.contains(platform)) {
        platforms.add(platform);
      }
    }
    return List.copyOf(platforms);
  }

  private static String checked(String name, String element, String where)
      throws ImageBuildException {
    String trimmed = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(trimmed).matches()) {
      throw new ImageBuildException(
          where
              + "<"
              + element
              + "> '"
              + (name == null ? "" : name)
              + "' is not a platform name; write e.g. <os>linux</os><architecture>arm64</architecture>");
    }
    return trimmed;
  }

  /** jib's type for the same platform. */
  com.google.cloud.tools.jib.api.buildplan.Platform jib() {
    return new com.google.cloud.tools.jib.api.buildplan.Platform(architecture, os);
  }

  /** A name for files and tags: {@code linux-arm64}. */
  String fileName() {
    return os + "-" + architecture;
  }

  @Override
  public String toString() {
    return os + "/" + architecture;
  }
}
