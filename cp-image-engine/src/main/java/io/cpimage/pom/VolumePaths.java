package io.cpimage.pom;

/** Checks of a volume path inside the image: absolute, normalized POSIX paths. */
final class VolumePaths {

  private VolumePaths() {}

  /** The path without a trailing slash; refuses relative paths and "." or ".." segments. */
  static String normalize(String path) throws PomEditException {
    String trimmed = path == null ? "" : path.trim();
    if (!trimmed.startsWith("/")) {
      throw new PomEditException(
          "Volume path '"
              + trimmed
              + "' is not absolute: a volume is a directory inside the image, e.g."
              + " -Dpath=/var/log/kafka-auth-logs. The pom was not changed.");
    }
    String normalized = collapse(trimmed);
    if (normalized.equals("/")) {
      throw new PomEditException(
          "Volume path '/' would make the whole image a volume; name a directory, e.g."
              + " -Dpath=/var/lib/kafka/data. The pom was not changed.");
    }
    for (String segment : normalized.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new PomEditException(
            "Volume path '"
                + trimmed
                + "' contains '"
                + segment
                + "'; write it without '.' or '..' segments. The pom was not changed.");
      }
    }
    return normalized;
  }

  /** Whether a declared volume (as written in a pom) names the same directory. */
  static boolean sameVolume(String declared, String normalized) {
    return collapse(declared.trim()).equals(normalized);
  }

  /** Repeated slashes as one, and no trailing slash: "/var//log/" is "/var/log". */
  private static String collapse(String path) {
    String collapsed = path.replaceAll("/+", "/");
    return collapsed.length() > 1 && collapsed.endsWith("/")
        ? collapsed.substring(0, collapsed.length() - 1)
        : collapsed;
  }
}
