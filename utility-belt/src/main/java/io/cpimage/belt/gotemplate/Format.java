package io.cpimage.belt.gotemplate;

import java.util.List;

/**
 * Go's {@code fmt.Sprintf}, {@code Sprint} and {@code Sprintln} for the verbs templates use: {@code
 * %v %s %d %q %t %x %X %f %%}, with width, {@code -} and {@code 0}. A verb that does not fit its
 * argument prints as Go does, e.g. {@code %!s(int=3)}; {@code %!s(MISSING)}, {@code %!(EXTRA
 * string=x)}.
 */
final class Format {

  private Format() {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int arg = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      boolean left = false;
      boolean zero = false;
      while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
        left |= format.charAt(i) == '-';
        zero |= format.charAt(i) == '0';
        i++;
      }
      int width = 0;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = width * 10 + format.charAt(i++) - '0';
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        precision = 0;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          precision = precision * 10 + format.charAt(i++) - '0';
        }
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (arg >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String text = formatOne(verb, precision, args.get(arg++));
      out.append(pad(text, width, left, zero && !left && isNumber(text)));
    }
    if (arg < args.size()) {
      out.append("%!(EXTRA ");
      for (int extra = arg; extra < args.size(); extra++) {
        Object value = args.get(extra);
        out.append(extra > arg ? ", " : "").append(Values.typeName(value)).append('=');
        out.append(Values.print(value));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String formatOne(char verb, int precision, Object value) {
    if (value instanceof List<?> items && verb != 'v') {
      // Go applies the verb to each element of a slice.
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < items.size(); i++) {
        text.append(i > 0 ? " " : "").append(formatOne(verb, precision, items.get(i)));
      }
      return text.append(']').toString();
    }
    switch (verb) {
      case 'v':
        return Values.print(value);
      case 's':
        if (value instanceof String s) {
          return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }
        break;
      case 'q':
        if (value instanceof String s) {
          return quote(s);
        }
        break;
      case 'd':
        if (value instanceof Long l) {
          return l.toString();
        }
        break;
      case 't':
        if (value instanceof Boolean b) {
          return b.toString();
        }
        break;
      case 'x', 'X':
        String hex = null;
        if (value instanceof Long l) {
          hex = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
        } else if (value instanceof String s) {
          StringBuilder bytes = new StringBuilder();
          for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            bytes.append(String.format("%02x", b & 0xff));
          }
          hex = bytes.toString();
        }
        if (hex != null) {
          return verb == 'X' ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
        }
        break;
      case 'f':
        if (value instanceof Double d) {
          return String.format(
              java.util.Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "f", d);
        }
        break;
      default:
        break;
    }
    return value == null
        ? "%!" + verb + "(<nil>)"
        : "%!" + verb + "(" + Values.typeName(value) + "=" + Values.print(value) + ")";
  }

  /** {@code fmt.Sprint}: a space between operands when neither is a string. */
  static String sprint(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object value = args.get(i);
      if (i > 0 && !(value instanceof String) && !(args.get(i - 1) instanceof String)) {
        out.append(' ');
      }
      out.append(Values.print(value));
    }
    return out.toString();
  }

  /** {@code fmt.Sprintln}: always a space between operands, and a newline. */
  static String sprintln(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      out.append(i > 0 ? " " : "").append(Values.print(args.get(i)));
    }
    return out.append('\n').toString();
  }

  /** {@code strconv.Quote}: a double-quoted Go string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\007' -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\013' -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isNumber(String text) {
    return !text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-');
  }

  private static String pad(String text, int width, boolean left, boolean zero) {
    if (text.length() >= width) {
      return text;
    }
    String fill = String.valueOf(zero ? '0' : ' ').repeat(width - text.length());
    if (left) {
      return text + fill;
    }
    if (zero && text.startsWith("-")) {
      return "-" + fill + text.substring(1);
    }
    return fill + text;
  }
}
