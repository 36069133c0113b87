package io.cpimage.build;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference as written in the pom: a bare name is a registry image, {@code docker://name}
 * the local daemon's, {@code tar://path} a docker-save tar.
 */
public record ImageLocation(Kind kind, String reference, Path tarPath) {

  /** Where the image lives. */
  public enum Kind {
    REGISTRY,
    DOCKER,
    TAR
  }

  private static final Pattern PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");

  /**
   * Parses {@code value}; {@code parameter} names the pom element for the message, {@code baseDir}
   * makes relative tar paths absolute.
   */
  public static ImageLocation parse(String value, String parameter, Path baseDir)
      throws ImageBuildException {
    if (value == null || value.isBlank()) {
      throw new ImageBuildException(
          parameter
              + " is not set: give a registry image (confluentinc/cp-kafka:7.9.0), "
              + "docker://name:tag or tar://path/to/image.tar");
    }
    String trimmed = value.trim();
    Matcher matcher = PREFIX.matcher(trimmed);
    if (!matcher.matches()) {
      return new ImageLocation(Kind.REGISTRY, trimmed, null);
    }
    String rest = matcher.group(2);
    switch (matcher.group(1)) {
      case "registry":
        return new ImageLocation(Kind.REGISTRY, rest, null);
      case "docker":
        return new ImageLocation(Kind.DOCKER, rest, null);
      case "tar":
        return new ImageLocation(
            Kind.TAR, rest, baseDir.resolve(rest).toAbsolutePath().normalize());
      default:
        throw new ImageBuildException(
            parameter
                + " '"
                + trimmed
                + "' has the unknown prefix '"
                + matcher.group(1)
                + "://': use a bare registry name, docker://name:tag or tar://path");
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> reference;
      case DOCKER -> "docker://" + reference;
      case TAR -> "tar://" + tarPath;
    };
  }
}
