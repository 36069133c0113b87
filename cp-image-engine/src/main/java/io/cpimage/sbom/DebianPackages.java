package io.cpimage.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed packages in Debian's package database ({@code /var/lib/dpkg/status}): one paragraph
 * per package, fields {@code Name: value}, continuation lines indented.
 */
public final class DebianPackages {

  /** One installed package. */
  public record Package(String name, String version, String architecture) {}

  private DebianPackages() {}

  /**
   * The packages whose {@code Status} says installed (removed ones with config files left stay in
   * the database but not on disk), in the database's order.
   */
  public static List<Package> installed(String status) {
    List<Package> packages = new ArrayList<>();
    for (String paragraph : status.split("\\n\\s*\\n")) {
      Map<String, String> fields = fields(paragraph);
      String name = fields.get("Package");
      String version = fields.get("Version");
      String state = fields.getOrDefault("Status", "");
      if (name != null && version != null && state.endsWith(" installed")) {
        packages.add(new Package(name, version, fields.get("Architecture")));
      }
    }
    return packages;
  }

  private static Map<String, String> fields(String paragraph) {
    Map<String, String> fields = new HashMap<>();
    for (String line : paragraph.split("\\n")) {
      int colon = line.indexOf(':');
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }
}
