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

  /**
   * {@code env_to_props}: a dict of properties from the renderer's environment (not from the
   * template variable {@code env}, which a template may reassign; Python's reads the process's).
   */
  public static Map<String, Object> envToProps(
      String envPrefix, String propPrefix, Object... rest) {
    Object exclude = argument(rest, 0, "exclude");
    Collection<?> excluded = exclude instanceof Collection<?> list ? list : List.of();
    @SuppressWarnings("unchecked")
    Map<String, String> env =
        (Map<String, String>)
            JinjavaInterpreter.getCurrent().getContext().get(TemplateRenderer.ENVIRONMENT);
    List<String> excludedNames = excluded.stream().map(String::valueOf).toList();
    @SuppressWarnings("unchecked")
    List<EnvToPropsCall> calls =
        (List<EnvToPropsCall>)
            JinjavaInterpreter.getCurrent().getContext().get(TemplateRenderer.CALLS);
    calls.add(new EnvToPropsCall(nullToEmpty(envPrefix), nullToEmpty(propPrefix), excludedNames));
    return new Jinja2Dict(
        new LinkedHashMap<>(
            EnvToProps.envToProps(
                env, nullToEmpty(envPrefix), nullToEmpty(propPrefix), excludedNames)));
  }

  /** {@code parse_log4j_loggers}: the defaults merged with the overrides, as a new dict. */
  public static Map<String, Object> parseLog4jLoggers(String overrides, Object... rest) {
    Map<String, Object> defaultLoggers = new LinkedHashMap<>();
    if (argument(rest, 0, "defaults") instanceof Map<?, ?> defaults) {
      defaults.forEach((k, v) -> defaultLoggers.put(String.valueOf(k), v));
    }
    return new Jinja2Dict(new LinkedHashMap<>(Log4jLoggers.parse(overrides, defaultLoggers)));
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
