package io.cpimage.belt.gotemplate;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's predefined template functions: {@code and or not len index print printf println eq ne lt le
 * gt ge}. {@code and} and {@code or} are evaluated by the executor, which stops at the first
 * operand that decides (Go 1.18+); they are listed here so that the parser knows them.
 */
final class Builtins {

  static final String AND = "and";
  static final String OR = "or";

  private Builtins() {}

  static Map<String, GoFunction> functions() {
    Map<String, GoFunction> functions = new HashMap<>();
    functions.put(AND, args -> null);
    functions.put(OR, args -> null);
    functions.put("not", args -> !Values.truth(exactly(1, args).get(0)));
    functions.put("len", args -> length(exactly(1, args).get(0)));
    functions.put("index", Builtins::index);
    functions.put("print", Format::sprint);
    functions.put("println", Format::sprintln);
    functions.put(
        "printf",
        args -> {
          if (args.isEmpty() || !(args.get(0) instanceof String format)) {
            throw new IllegalArgumentException("printf needs a format string first");
          }
          return Format.sprintf(format, args.subList(1, args.size()));
        });
    functions.put("eq", Builtins::eq);
    functions.put("ne", args -> !eq(exactly(2, args)));
    functions.put("lt", args -> compare(exactly(2, args)) < 0);
    functions.put("le", args -> compare(exactly(2, args)) <= 0);
    functions.put("gt", args -> compare(exactly(2, args)) > 0);
    functions.put("ge", args -> compare(exactly(2, args)) >= 0);
    return functions;
  }

  private static List<Object> exactly(int count, List<Object> args) {
    if (args.size() != count) {
      throw new IllegalArgumentException(
          "wrong number of args: want " + count + " got " + args.size());
    }
    return args;
  }

  private static long length(Object value) {
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (value instanceof List<?> list) {
      return list.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    throw new IllegalArgumentException("len of type " + Values.typeName(value));
  }

  /** {@code index m k} (missing key: the map's zero value), {@code index slice i}. */
  private static Object index(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args: want at least 1 got 0");
    }
    Object item = args.get(0);
    for (Object key : args.subList(1, args.size())) {
      if (item instanceof Map<?, ?> map) {
        if (!(key instanceof String)) {
          throw new IllegalArgumentException(
              "value has type " + Values.typeName(key) + "; should be string");
        }
        Object value = map.get(key);
        item = value != null ? value : zeroValueOf(map);
      } else if (item instanceof List<?> list) {
        if (!(key instanceof Long position)) {
          throw new IllegalArgumentException(
              "cannot index slice/array with type " + Values.typeName(key));
        }
        if (position < 0 || position >= list.size()) {
          throw new IllegalArgumentException("index out of range: " + position);
        }
        item = list.get(position.intValue());
      } else {
        throw new IllegalArgumentException("can't index item of type " + Values.typeName(item));
      }
    }
    return item;
  }

  private static Object zeroValueOf(Map<?, ?> map) {
    return map instanceof StringSliceMap ? List.of() : "";
  }

  /** {@code eq a b c}: a equals any of the others; a missing value equals nothing. */
  private static boolean eq(List<Object> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException("missing argument for comparison");
    }
    Object first = args.get(0);
    for (Object other : args.subList(1, args.size())) {
      if (first == null || other == null) {
        if (first == null && other == null) {
          return true;
        }
        continue;
      }
      if (!basic(first) || !basic(other)) {
        throw new IllegalArgumentException("non-comparable type " + Values.typeName(first));
      }
      if (!sameKind(first, other)) {
        throw new IllegalArgumentException("incompatible types for comparison");
      }
      if (first.equals(other)) {
        return true;
      }
    }
    return false;
  }

  private static int compare(List<Object> args) {
    Object a = args.get(0);
    Object b = args.get(1);
    if (a == null || b == null || a instanceof Boolean || !basic(a) || !basic(b)) {
      throw new IllegalArgumentException("invalid type for comparison");
    }
    if (!sameKind(a, b)) {
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    if (a instanceof String s) {
      return s.compareTo((String) b);
    }
    if (a instanceof Long l) {
      return Long.compare(l, (Long) b);
    }
    return Double.compare((Double) a, (Double) b);
  }

  private static boolean basic(Object value) {
    return value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean;
  }

  private static boolean sameKind(Object a, Object b) {
    return a.getClass() == b.getClass();
  }
}
