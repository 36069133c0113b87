package io.cpimage.belt.ub;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpimage.belt.template.EnvToProps;
import io.cpimage.belt.template.EnvToPropsCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON spec of {@code ub render-properties}: {@code prefixes} (variable prefix, without its
 * trailing {@code _}, to whether the key keeps it), {@code excludes} (variable names), {@code
 * renamed} (variable name to property), {@code defaults} (property to value) and {@code
 * excludeWithPrefix} (a variable prefix).
 */
record PropertiesSpec(
    Map<String, Boolean> prefixes,
    List<String> excludes,
    Map<String, String> renamed,
    Map<String, String> defaults,
    String excludeWithPrefix) {

  PropertiesSpec {
    prefixes = prefixes == null ? Map.of() : new LinkedHashMap<>(prefixes);
    excludes = excludes == null ? List.of() : List.copyOf(excludes);
    renamed = renamed == null ? Map.of() : Map.copyOf(renamed);
    defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    excludeWithPrefix = excludeWithPrefix == null ? "" : excludeWithPrefix;
  }

  /** Reads a spec; a malformed one fails naming the file, line, column and what was wrong. */
  static PropertiesSpec read(Path file) throws IOException, InvalidSpecException {
    ObjectMapper json =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      Fields fields = json.readValue(Files.readAllBytes(file), Fields.class);
      if (fields == null) {
        throw new InvalidSpecException(file + ": empty spec, expected a JSON object");
      }
      return new PropertiesSpec(
          fields.prefixes,
          fields.excludes,
          fields.renamed,
          fields.defaults,
          fields.excludeWithPrefix);
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String position = where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr();
      throw new InvalidSpecException(
          file
              + position
              + ": "
              + e.getOriginalMessage()
              + " (expected keys: prefixes, excludes, renamed, defaults, excludeWithPrefix)");
    }
  }

  /**
   * The properties, sorted by key: the defaults, overridden by the variables. A renamed variable
   * becomes its new name (even if excluded); otherwise one that is excluded or starts with
   * excludeWithPrefix is skipped, and one under a prefix becomes a key by dub's rule, with or
   * without the prefix.
   */
  Map<String, String> properties(Map<String, String> env) {
    Map<String, String> properties = new TreeMap<>(defaults);
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (renamed.containsKey(name)) {
                properties.put(renamed.get(name), value);
                return;
              }
              if (excludes.contains(name)
                  || !excludeWithPrefix.isEmpty() && name.startsWith(excludeWithPrefix)) {
                return;
              }
              prefixes.forEach(
                  (prefix, keep) -> {
                    // Confluent's ub cuts the prefix and one more character; a variable that is
                    // just the prefix made it panic, here it is skipped.
                    if (name.startsWith(prefix) && name.length() > prefix.length()) {
                      String rest = keep ? name : name.substring(prefix.length() + 1);
                      properties.put(EnvToProps.propertyKey(rest), value);
                    }
                  });
            });
    return properties;
  }

  /**
   * What the properties map from the environment, in the terms of the settings check: one mapping
   * per prefix whose keys drop it ({@code "KAFKA": false}), skipping the variables the spec leaves
   * out or renames. A prefix kept in the key ({@code "CONFLUENT": true}) names no Kafka setting.
   */
  List<EnvToPropsCall> settingsMappings(Map<String, String> env) {
    List<String> skipped = new ArrayList<>(excludes);
    skipped.addAll(renamed.keySet());
    if (!excludeWithPrefix.isEmpty()) {
      env.keySet().stream()
          .filter(name -> name.startsWith(excludeWithPrefix))
          .forEach(skipped::add);
    }
    List<EnvToPropsCall> mappings = new ArrayList<>();
    prefixes.forEach(
        (prefix, keep) -> {
          if (!keep) {
            mappings.add(new EnvToPropsCall(prefix + "_", "", skipped));
          }
        });
    return mappings;
  }

  /**
   * The spec as Jackson reads it: field by field, so that an unknown key is reported where it is (a
   * record is read whole and its errors point at the closing brace).
   */
  private static final class Fields {
    public Map<String, Boolean> prefixes;
    public List<String> excludes;
    public Map<String, String> renamed;
    public Map<String, String> defaults;
    public String excludeWithPrefix;
  }

  /** A spec file that is not the JSON object described above. */
  static final class InvalidSpecException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSpecException(String message) {
      super(message);
    }
  }
}
