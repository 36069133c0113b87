package io.cpimage.belt.gotemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's view of template values: truth, type names, and how {@code fmt.Sprint} prints them. */
final class Values {

  private Values() {}

  /** Go's emptiness: false, 0, nil, "", and empty slices and maps are false. */
  static boolean truth(Object value) {
    if (value == null || value == NoValue.INSTANCE) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Long l) {
      return l != 0;
    }
    if (value instanceof Double d) {
      return d != 0;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof List<?> list) {
      return !list.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    return true;
  }

  /** The Go type a value stands for, for error messages. */
  static String typeName(Object value) {
    if (value == null || value == NoValue.INSTANCE) {
      return "<nil>";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof Double) {
      return "float64";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(String.class::isInstance) ? "[]string" : "[]interface {}";
    }
    if (value instanceof Map<?, ?> map) {
      if (map.values().stream().allMatch(String.class::isInstance)) {
        return "map[string]string";
      }
      return map.values().stream().allMatch(List.class::isInstance)
          ? "map[string][]string"
          : "map[string]interface {}";
    }
    return value.getClass().getSimpleName();
  }

  /** {@code fmt.Sprint} of one value ({@code %v}). */
  static String print(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof Double d) {
      return formatFloat(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        text.append(i > 0 ? " " : "").append(print(list.get(i)));
      }
      return text.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> entry : sorted(map).entrySet()) {
        text.append(first ? "" : " ").append(print(entry.getKey())).append(':');
        text.append(print(entry.getValue()));
        first = false;
      }
      return text.append(']').toString();
    }
    return value.toString();
  }

  /** A map's entries in key order, as Go's range and fmt visit them. */
  static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
    return sorted;
  }

  /**
   * {@code %v} of a float64: the shortest representation, exponent form below 1e-4 and from 1e6 on
   * (strconv's shortest %g).
   */
  static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = decimal.unscaledValue().abs().toString();
      String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      String sign = exponent < 0 ? "-" : "+";
      int abs = Math.abs(exponent);
      return (value < 0 ? "-" : "") + mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
    return decimal.toPlainString();
  }
}
