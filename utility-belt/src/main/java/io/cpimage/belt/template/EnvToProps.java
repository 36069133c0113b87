package io.cpimage.belt.template;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The template global {@code env_to_props(env_prefix, prop_prefix, exclude=[])}: turns environment
 * variables into property names with the rules of Confluent's dub since 2019 (G2+).
 */
public final class EnvToProps {

  /** A single underscore between two non-underscore characters separates two name segments. */
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("(?<=[^_])_(?=[^_])");

  private EnvToProps() {}

  /**
   * Returns the properties for every variable whose name starts with {@code envPrefix} and is not
   * in {@code excludedNames}. Variables are visited in name order, so the result's order does not
   * depend on the process (Confluent's follows {@code os.environ} and is unspecified).
   */
  public static Map<String, String> envToProps(
      Map<String, String> env,
      String envPrefix,
      String propPrefix,
      Collection<String> excludedNames) {
    Map<String, String> props = new LinkedHashMap<>();
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (!excludedNames.contains(name) && name.startsWith(envPrefix)) {
                props.put(propPrefix + propertyKey(name.substring(envPrefix.length())), value);
              }
            });
    return props;
  }

  /**
   * Maps the part of a variable name after its prefix to a property key: lower-case it, single
   * {@code _} between other characters becomes {@code .}, then {@code ___} becomes {@code -} and
   * {@code __} becomes {@code _}. Leading and trailing single underscores are kept.
   */
  public static String propertyKey(String nameWithoutPrefix) {
    String dotted =
        SEGMENT_SEPARATOR.matcher(nameWithoutPrefix.toLowerCase(Locale.ROOT)).replaceAll(".");
    return dotted.replace("___", "-").replace("__", "_");
  }
}
