package io.cpimage.sbom;

import java.util.HashMap;
import java.util.Map;

/**
 * An {@code os-release} file (freedesktop.org's format: {@code KEY=value}, values optionally
 * quoted), which names the distribution whose packages the SBOM lists.
 */
public record OsRelease(String id, String versionId, String codename, String prettyName) {

  /** What a base without {@code os-release} is called. */
  static final OsRelease UNKNOWN = new OsRelease("linux", null, null, null);

  /** Parses the file's text; a missing ID is {@code linux}, as the format defines. */
  public static OsRelease parse(String text) {
    Map<String, String> values = values(text);
    return new OsRelease(
        values.getOrDefault("ID", "linux"),
        values.get("VERSION_ID"),
        values.get("VERSION_CODENAME"),
        values.get("PRETTY_NAME"));
  }

  /**
   * The purl {@code distro} qualifier: {@code debian-13}, or the codename where there is no version
   * (testing, sid).
   */
  public String distro() {
    if (versionId != null) {
      return id + "-" + versionId;
    }
    return codename != null ? codename : id;
  }

  /**
   * The {@code KEY=value} lines of {@code text}, unquoted; a JDK's {@code release} file has the
   * same form.
   */
  static Map<String, String> values(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\\n")) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("#")) {
        values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
      }
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
