package io.cpimage.belt.template;

import com.hubspot.jinjava.objects.collections.PyMap;
import java.util.Map;
import java.util.Set;

/**
 * A dict for templates that also answers Python 2's {@code .iteritems()}, so Confluent's older
 * templates ({@code for k, v in env_to_props(...).iteritems()}) render unchanged.
 */
public final class Jinja2Dict extends PyMap {

  Jinja2Dict(Map<String, Object> entries) {
    super(entries);
  }

  /** Python 2's name for {@link #items()}. */
  public Set<Map.Entry<String, Object>> iteritems() {
    return items();
  }
}
