package io.cpimage.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The {@code -D} overrides of every goal's parameters, by their {@link PropertyNames} ({@code
 * -Dcp-image.to.image}, {@code -Dcp-image.environment=A=1,B=2}): an override wins over the pom's
 * value. As in the Jib plugins, user properties win over project properties, which win over system
 * properties.
 */
final class Overrides {
  private final List<Properties> sources;

  Overrides(MavenSession session, MavenProject project) {
    this(session.getUserProperties(), project.getProperties(), session.getSystemProperties());
  }

  /** The properties in the order they win. */
  Overrides(Properties... sources) {
    this.sources = List.of(sources);
  }

  private String property(String name) {
    for (Properties source : sources) {
      String value = source.getProperty(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  String string(String name, String configured) {
    String value = property(name);
    return value != null ? value : configured;
  }

  boolean bool(String name, boolean configured) {
    String value = property(name);
    return value != null ? Boolean.parseBoolean(value.trim()) : configured;
  }

  /** A comma-separated list. */
  List<String> list(String name, List<String> configured) {
    String value = property(name);
    if (value == null) {
      return configured == null ? List.of() : configured;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  /** {@code KEY=value,KEY2=value2}; the configured map, when the property is absent. */
  Map<String, String> map(String name, Map<String, String> configured) {
    String value = property(name);
    if (value == null) {
      return configured == null ? Map.of() : configured;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
      }
    }
    return map;
  }
}
