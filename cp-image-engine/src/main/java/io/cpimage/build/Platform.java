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

  // What GOOS and GOARCH values look like; a typo such as "arm 64" or "linux/" fails here.
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

  /**
   * The platform of {@code os} and {@code architecture}; {@code where} names the pom element for
   * the message. Names are lower-cased, as the OCI image spec writes them.
   */
  public static Platform of(String os, String architecture, String where)
      throws ImageBuildException {
    String osName = normalized(os);
    String architectureName = normalized(architecture);
    if (!NAME.matcher(osName).matches() || !NAME.matcher(architectureName).matches()) {
      throw new ImageBuildException(
          where
              + " '"
              + (os == null ? "" : os)
              + "/"
              + (architecture == null ? "" : architecture)
              + "' is not a platform; write e.g. <platform><os>linux</os><architecture>arm64"
              + "</architecture></platform> or -Dcp-image.platforms=linux/amd64,linux/arm64");
    }
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

  private static String normalized(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
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
