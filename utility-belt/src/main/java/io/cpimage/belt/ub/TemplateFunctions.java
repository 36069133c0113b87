package io.cpimage.belt.ub;

import io.cpimage.belt.gotemplate.GoFunction;
import io.cpimage.belt.gotemplate.StringSliceMap;
import io.cpimage.belt.template.EnvToProps;
import io.cpimage.belt.template.Log4jLoggers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions ub gives Go templates, over one environment: {@code getEnv}, {@code
 * splitToMapDefaults}, {@code envToProps}, {@code setProperties}, {@code
 * setPropertiesWithEnvToPropsWithTwoPrefixes}, {@code stringSlice}, {@code append}, {@code
 * createStringSliceMap}, {@code setStringSliceMapValue}, {@code parseLog4jLoggers}. Variable names
 * become property keys by dub's rule ({@link EnvToProps#propertyKey}).
 */
final class TemplateFunctions {

  private final Map<String, String> env;

  private TemplateFunctions(Map<String, String> env) {
    this.env = env;
  }

  static Map<String, GoFunction> over(Map<String, String> env) {
    TemplateFunctions f = new TemplateFunctions(env);
    Map<String, GoFunction> functions = new HashMap<>();
    functions.put("getEnv", f::getEnv);
    functions.put("splitToMapDefaults", TemplateFunctions::splitToMapDefaults);
    functions.put("envToProps", f::envToProps);
    functions.put("setProperties", f::setProperties);
    functions.put("setPropertiesWithEnvToPropsWithTwoPrefixes", f::twoPrefixes);
    functions.put("stringSlice", TemplateFunctions::stringSlice);
    functions.put("append", TemplateFunctions::append);
    functions.put("createStringSliceMap", TemplateFunctions::createStringSliceMap);
    functions.put("setStringSliceMapValue", TemplateFunctions::setStringSliceMapValue);
    functions.put("parseLog4jLoggers", TemplateFunctions::parseLog4jLoggers);
    return functions;
  }

  /** {@code getEnv NAME DEFAULT}: the variable's value, the default when unset or empty. */
  private Object getEnv(List<Object> args) {
    Arguments a = Arguments.of("getEnv", args, 2, false);
    String value = env.get(a.string(0));
    return value == null || value.isEmpty() ? a.string(1) : value;
  }

  /**
   * {@code splitToMapDefaults SEP DEFAULTS VALUE}: both lists split at SEP into {@code key=value}
   * items (split at the first {@code =}; an item without one is dropped); VALUE's items win.
   */
  private static Object splitToMapDefaults(List<Object> args) {
    Arguments a = Arguments.of("splitToMapDefaults", args, 3, false);
    Map<String, String> map = new TreeMap<>();
    for (String list : List.of(a.string(1), a.string(2))) {
      for (String item : list.split(java.util.regex.Pattern.quote(a.string(0)), -1)) {
        int equals = item.indexOf('=');
        if (equals >= 0) {
          map.put(item.substring(0, equals), item.substring(equals + 1));
        }
      }
    }
    return map;
  }

  /**
   * {@code envToProps ENV_PREFIX PROP_PREFIX EXCLUDE_ENVS EXCLUDE_PROP_PREFIXES EXCLUDE_PROPS}:
   * dub's {@code env_to_props}, then without the properties named or prefixed as excluded.
   */
  private Object envToProps(List<Object> args) {
    Arguments a = Arguments.of("envToProps", args, 5, false);
    return envToProps(a.string(0), a.string(1), a.strings(2), a.strings(3), a.strings(4));
  }

  private Map<String, String> envToProps(
      String envPrefix,
      String propPrefix,
      List<String> excludeEnvs,
      List<String> excludePropPrefixes,
      List<String> excludeProps) {
    Map<String, String> props = new TreeMap<>();
    EnvToProps.envToProps(env, envPrefix, propPrefix, excludeEnvs)
        .forEach(
            (key, value) -> {
              boolean excluded =
                  excludeProps.contains(key)
                      || excludePropPrefixes.stream().anyMatch(key::startsWith);
              if (!excluded) {
                props.put(key, value);
              }
            });
    return props;
  }

  /**
   * {@code setProperties MAP REQUIRED EXCLUDE_ENVS}: for each property, the value of the first of
   * its variables that is set; a variable listed in EXCLUDE_ENVS met first gives "". Unless
   * REQUIRED, properties left "" are dropped.
   */
  private Object setProperties(List<Object> args) {
    Arguments a = Arguments.of("setProperties", args, 3, false);
    List<String> excluded = a.strings(2);
    Map<String, String> props = new TreeMap<>();
    for (Map.Entry<?, ?> entry : a.map(0).entrySet()) {
      String value = "";
      for (Object name : (List<?>) entry.getValue()) {
        if (excluded.contains(name)) {
          break;
        }
        if (env.containsKey(name)) {
          value = env.get(name);
          break;
        }
      }
      if (a.bool(1) || !value.isEmpty()) {
        props.put(String.valueOf(entry.getKey()), value);
      }
    }
    return props;
  }

  /**
   * {@code setPropertiesWithEnvToPropsWithTwoPrefixes PRIMARY SECONDARY PROP_PREFIX EXCLUDE_ENVS
   * EXCLUDE_PROPS}: envToProps of both prefixes; the primary's value wins.
   */
  private Object twoPrefixes(List<Object> args) {
    Arguments a = Arguments.of("setPropertiesWithEnvToPropsWithTwoPrefixes", args, 5, false);
    Map<String, String> props =
        envToProps(a.string(1), a.string(2), a.strings(3), List.of(), a.strings(4));
    props.putAll(envToProps(a.string(0), a.string(2), a.strings(3), List.of(), a.strings(4)));
    return props;
  }

  private static Object stringSlice(List<Object> args) {
    Arguments a = Arguments.of("stringSlice", args, 0, true);
    List<String> slice = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      slice.add(a.string(i));
    }
    return slice;
  }

  private static Object append(List<Object> args) {
    Arguments a = Arguments.of("append", args, 1, true);
    List<String> slice = new ArrayList<>(a.strings(0));
    for (int i = 1; i < a.size(); i++) {
      slice.add(a.string(i));
    }
    return slice;
  }

  private static Object createStringSliceMap(List<Object> args) {
    Arguments.of("createStringSliceMap", args, 0, false);
    return new StringSliceMap();
  }

  /** {@code setStringSliceMapValue MAP KEY SLICE}: sets the key and returns the same map. */
  private static Object setStringSliceMapValue(List<Object> args) {
    Arguments a = Arguments.of("setStringSliceMapValue", args, 3, false);
    if (!(args.get(0) instanceof StringSliceMap map)) {
      throw new IllegalArgumentException(
          "argument 1 of setStringSliceMapValue must be a map made by createStringSliceMap");
    }
    map.put(a.string(1), List.copyOf(a.strings(2)));
    return map;
  }

  /**
   * {@code parseLog4jLoggers OVERRIDES [DEFAULTS...]}: the default loggers with the {@code
   * logger=LEVEL,...} overrides merged in (trimmed, split at the first {@code =}, pieces without
   * one ignored).
   */
  private static Object parseLog4jLoggers(List<Object> args) {
    Arguments a = Arguments.of("parseLog4jLoggers", args, 1, true);
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (int i = 1; i < a.size(); i++) {
      a.map(i).forEach((key, value) -> defaults.put(String.valueOf(key), value));
    }
    return new TreeMap<>(Log4jLoggers.parseLevels(a.string(0), defaults));
  }
}
