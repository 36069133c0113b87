package io.cpimage.belt.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions templates call, with Python's signatures: {@code env_to_props(env_prefix,
 * prop_prefix, exclude=[])} and {@code parse_log4j_loggers(overrides, defaults={})}. Optional
 * arguments arrive as varargs, either positional or as jinjava {@link NamedParameter}s.
 */
public final class TemplateGlobals {

  private TemplateGlobals() {}

  /** {@code env_to_props}: reads the template's {@code env}, returns a dict of properties. */
  public static Map<String, Object> envToProps(
      String envPrefix, String propPrefix, Object... rest) {
    Object exclude = argument(rest, 0, "exclude");
    Collection<?> excluded = exclude instanceof Collection<?> list ? list : List.of();
    Map<String, String> env = new LinkedHashMap<>();
    Object templateEnv = JinjavaInterpreter.getCurrent().getContext().get(TemplateRenderer.ENV);
    ((Map<?, ?>) templateEnv).forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    List<String> excludedNames = excluded.stream().map(String::valueOf).toList();
    return new Jinja2Dict(
        new LinkedHashMap<>(
            EnvToProps.envToProps(
                env, nullToEmpty(envPrefix), nullToEmpty(propPrefix), excludedNames)));
  }

  /** {@code parse_log4j_loggers}: the defaults merged with the overrides, as a new dict. */
  public static Map<String, Object> parseLog4jLoggers(String overrides, Object... rest) {
    Object defaults = argument(rest, 0, "defaults");
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Object> defaultLoggers = new LinkedHashMap<>();
    if (defaults instanceof Map<?, ?> map) {
      map.forEach((k, v) -> defaultLoggers.put(String.valueOf(k), v));
    }
    merged.putAll(Log4jLoggers.parse(overrides, defaultLoggers));
    return new Jinja2Dict(merged);
  }

  private static Object argument(Object[] rest, int position, String name) {
    for (Object value : rest) {
      if (value instanceof NamedParameter named && named.getName().equals(name)) {
        return named.getValue();
      }
    }
    return rest.length > position && !(rest[position] instanceof NamedParameter)
        ? rest[position]
        : null;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
