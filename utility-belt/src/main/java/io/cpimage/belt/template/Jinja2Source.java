package io.cpimage.belt.template;

/**
 * Rewrites a template's text so that jinjava reads it as Jinja2 does. Two differences are bridged
 * here because jinjava has no switch for them: Jinja2 drops one trailing newline of the template
 * source, and Jinja2 joins adjacent string literals ({@code 'A' 'B'} is {@code 'AB'}), where
 * jinjava fails the whole tag. Line numbers are preserved so errors point at the original line.
 *
 * <p>A tag, expression or comment without its end is refused here: Jinja2 refuses it, but jinjava
 * prints it as text and reports it as a warning with the position of the template's end.
 */
final class Jinja2Source {

  private Jinja2Source() {}

  static String prepare(String source) throws UnclosedTagException {
    String text = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
    return joinAdjacentLiterals(text);
  }

  /** Joins adjacent same-quoted string literals inside {@code {% %}} and {@code {{ }}} tags. */
  static String joinAdjacentLiterals(String text) throws UnclosedTagException {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int open = nextTagStart(text, i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      if (text.startsWith("{#", open)) {
        if (text.indexOf("#}", open) < 0) {
          throw UnclosedTagException.at(text, open, "comment", "#}");
        }
        i = copyThrough(text, open, "#}", out);
      } else if (isRawTag(text, open)) {
        // A raw block without its end is jinjava's to report (a missing end tag, with its line).
        i = copyThrough(text, open, "endraw", out);
        i = copyThrough(text, i, "%}", out);
      } else {
        boolean isTag = text.startsWith("{%", open);
        String close = isTag ? "%}" : "}}";
        i = copyTag(text, open, close, out);
        if (i < 0) {
          throw UnclosedTagException.at(text, open, isTag ? "tag" : "expression", close);
        }
      }
    }
    return out.toString();
  }

  private static int nextTagStart(String text, int from) {
    int found = -1;
    for (String opener : new String[] {"{%", "{{", "{#"}) {
      int at = text.indexOf(opener, from);
      if (at >= 0 && (found < 0 || at < found)) {
        found = at;
      }
    }
    return found;
  }

  private static boolean isRawTag(String text, int open) {
    int i = open + 2;
    while (i < text.length() && (text.charAt(i) == '-' || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    return text.startsWith("raw", i) && !Character.isLetterOrDigit(charAt(text, i + 3));
  }

  private static int copyThrough(String text, int from, String end, StringBuilder out) {
    int at = text.indexOf(end, from);
    int stop = at < 0 ? text.length() : at + end.length();
    out.append(text, from, stop);
    return stop;
  }

  /**
   * Copies one tag, merging {@code 'a'<whitespace>'b'} into {@code 'ab'<the same newlines>}, and
   * returns the index after its end, or -1 if the text ends first (quotes hide an end, as for
   * jinjava's scanner).
   */
  private static int copyTag(String text, int open, String close, StringBuilder out) {
    int i = open + 2;
    out.append(text, open, i);
    while (i < text.length()) {
      if (text.startsWith(close, i)) {
        out.append(close);
        return i + close.length();
      }
      char c = text.charAt(i);
      if (c != '\'' && c != '"') {
        out.append(c);
        i++;
        continue;
      }
      out.append(c);
      i++;
      StringBuilder movedNewlines = new StringBuilder();
      while (i < text.length()) {
        char d = text.charAt(i);
        if (d == '\\' && i + 1 < text.length()) {
          out.append(d).append(text.charAt(i + 1));
          i += 2;
        } else if (d == c) {
          int next = i + 1;
          while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
          }
          if (next < text.length() && text.charAt(next) == c) {
            for (int k = i + 1; k < next; k++) {
              if (text.charAt(k) == '\n') {
                movedNewlines.append('\n');
              }
            }
            i = next + 1;
          } else {
            out.append(c).append(movedNewlines);
            i++;
            break;
          }
        } else {
          out.append(d);
          i++;
        }
      }
    }
    return -1;
  }

  private static char charAt(String text, int index) {
    return index < text.length() ? text.charAt(index) : ' ';
  }
}
