package io.cpimage.belt.gotemplate;

import java.util.List;
import java.util.TreeMap;

/**
 * A Go {@code map[string][]string}: its missing keys index to an empty slice, not to "". ub's
 * {@code createStringSliceMap} makes one.
 */
public final class StringSliceMap extends TreeMap<String, List<String>> {

  private static final long serialVersionUID = 1L;
}
