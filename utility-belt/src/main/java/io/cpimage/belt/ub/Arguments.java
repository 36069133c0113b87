package io.cpimage.belt.ub;

import java.util.List;
import java.util.Map;

/** Typed access to a template function's arguments, failing as Go's type check does. */
final class Arguments {

  private final String function;
  private final List<Object> args;

  private Arguments(String function, List<Object> args) {
    this.function = function;
    this.args = args;
  }

  /** The arguments of {@code function}, which takes {@code min} or more (exactly if !variadic). */
  static Arguments of(String function, List<Object> args, int min, boolean variadic) {
    if (args.size() < min || !variadic && args.size() != min) {
      throw new IllegalArgumentException(
          "wrong number of args for "
              + function
              + ": want "
              + (variadic ? "at least " : "")
              + min
              + " got "
              + args.size());
    }
    return new Arguments(function, args);
  }

  int size() {
    return args.size();
  }

  String string(int index) {
    return typed(index, String.class, "string");
  }

  boolean bool(int index) {
    return typed(index, Boolean.class, "bool");
  }

  @SuppressWarnings("unchecked")
  List<String> strings(int index) {
    Object value = args.get(index);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return (List<String>) list;
    }
    throw wrongType(index, "[]string");
  }

  Map<?, ?> map(int index) {
    return typed(index, Map.class, "map");
  }

  private <T> T typed(int index, Class<T> type, String goType) {
    Object value = args.get(index);
    if (!type.isInstance(value)) {
      throw wrongType(index, goType);
    }
    return type.cast(value);
  }

  private IllegalArgumentException wrongType(int index, String goType) {
    Object value = args.get(index);
    String got = value == null ? "nil" : value.getClass().getSimpleName();
    return new IllegalArgumentException(
        "argument " + (index + 1) + " of " + function + " must be " + goType + ", not " + got);
  }
}
