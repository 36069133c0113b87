package io.cpimage.belt.gotemplate;

import io.cpimage.belt.gotemplate.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a template into text and action tokens with Go's rules: actions between {@code {{} and
 * {@code }}}, {@code {{- } and {@code -}}} trim the whitespace (spaces, tabs, newlines) next to
 * them, {@code {{/* ... *}{@code /}}} is a comment, quotes may hide a {@code }}}.
 */
final class Lexer {

  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");

  private final Source source;
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private boolean trimNextText;

  private Lexer(Source source) {
    this.source = source;
    this.text = source.text();
  }

  static List<Token> tokens(Source source) throws GoTemplateException {
    Lexer lexer = new Lexer(source);
    lexer.lex();
    return lexer.tokens;
  }

  private void lex() throws GoTemplateException {
    while (pos < text.length()) {
      int open = text.indexOf("{{", pos);
      int end = open < 0 ? text.length() : open;
      addText(text.substring(pos, end));
      if (open < 0) {
        break;
      }
      pos = open + 2;
      if (text.startsWith("-", pos) && isSpace(charAt(pos + 1))) {
        trimPreviousText();
        pos += 2;
      }
      tokens.add(new Token(Kind.LEFT_DELIM, "{{", open, false));
      lexAction(open);
    }
    tokens.add(new Token(Kind.EOF, "", text.length(), false));
  }

  private void addText(String run) {
    String value = trimNextText ? stripLeading(run) : run;
    trimNextText = false;
    if (!value.isEmpty()) {
      tokens.add(new Token(Kind.TEXT, value, pos, false));
    }
  }

  private void trimPreviousText() {
    Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    if (last != null && last.is(Kind.TEXT)) {
      String trimmed = stripTrailing(last.text());
      tokens.set(tokens.size() - 1, new Token(Kind.TEXT, trimmed, last.offset(), false));
    }
  }

  /** Lexes one action up to and including its right delimiter. */
  private void lexAction(int open) throws GoTemplateException {
    skipSpaces();
    if (text.startsWith("/*", pos)) {
      int close = text.indexOf("*/", pos + 2);
      if (close < 0) {
        throw source.error(open, "unclosed comment");
      }
      pos = close + 2;
      if (!atRightDelimiter()) {
        throw source.error(open, "comment ends before closing delimiter");
      }
      return;
    }
    boolean space = true;
    while (true) {
      if (pos >= text.length()) {
        throw source.error(open, "unclosed action");
      }
      if (atRightDelimiter()) {
        return;
      }
      char c = text.charAt(pos);
      if (isSpace(c)) {
        skipSpaces();
        space = true;
        continue;
      }
      lexToken(c, space);
      space = false;
    }
  }

  /** At {@code }}} or {@code -}}} (with the space): consumes it and records a right trim. */
  private boolean atRightDelimiter() {
    int at = pos;
    while (at < text.length() && isSpace(text.charAt(at))) {
      at++;
    }
    if (at > pos && text.startsWith("-}}", at)) {
      tokens.add(new Token(Kind.RIGHT_DELIM, "}}", at, true));
      pos = at + 3;
      trimNextText = true;
      return true;
    }
    if (text.startsWith("}}", at)) {
      tokens.add(new Token(Kind.RIGHT_DELIM, "}}", at, at > pos));
      pos = at + 2;
      return true;
    }
    return false;
  }

  private void lexToken(char c, boolean space) throws GoTemplateException {
    int start = pos;
    if (c == '"') {
      tokens.add(new Token(Kind.STRING, quoted(), start, space));
    } else if (c == '`') {
      int close = text.indexOf('`', pos + 1);
      if (close < 0) {
        throw source.error(start, "unterminated raw quoted string");
      }
      tokens.add(new Token(Kind.STRING, text.substring(pos + 1, close), start, space));
      pos = close + 1;
    } else if (c == '$') {
      pos++;
      String name = "$" + identifier();
      tokens.add(new Token(Kind.VARIABLE, name, start, space));
    } else if (c == '.' && !isDigit(charAt(pos + 1))) {
      pos++;
      String name = identifier();
      tokens.add(new Token(name.isEmpty() ? Kind.DOT : Kind.FIELD, name, start, space));
    } else if (isDigit(c) || (c == '-' || c == '+' || c == '.') && isDigit(charAt(pos + 1))) {
      pos++;
      while (pos < text.length() && isNumberChar(text.charAt(pos))) {
        pos++;
      }
      tokens.add(new Token(Kind.NUMBER, text.substring(start, pos), start, space));
    } else if (Character.isLetter(c) || c == '_') {
      String word = identifier();
      Kind kind =
          KEYWORDS.contains(word)
              ? Kind.KEYWORD
              : word.equals("true") || word.equals("false")
                  ? Kind.BOOL
                  : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
      tokens.add(new Token(kind, word, start, space));
    } else if (c == ':' && charAt(pos + 1) == '=') {
      pos += 2;
      tokens.add(new Token(Kind.DECLARE, ":=", start, space));
    } else {
      pos++;
      Kind kind =
          switch (c) {
            case '(' -> Kind.LEFT_PAREN;
            case ')' -> Kind.RIGHT_PAREN;
            case '|' -> Kind.PIPE;
            case '=' -> Kind.ASSIGN;
            case ',' -> Kind.COMMA;
            default -> throw source.error(start, "unexpected \"" + c + "\" in command");
          };
      tokens.add(new Token(kind, String.valueOf(c), start, space));
    }
  }

  /** A double-quoted string with Go's escapes, decoded; pos ends after the closing quote. */
  private String quoted() throws GoTemplateException {
    int start = pos;
    StringBuilder value = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw source.error(start, "unterminated quoted string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escape = charAt(pos++);
      switch (escape) {
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'a' -> value.append('\007');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'v' -> value.append('\013');
        case '\\', '"', '\'' -> value.append(escape);
        case 'x' -> value.append((char) hex(start, 2));
        case 'u' -> value.append((char) hex(start, 4));
        case 'U' -> value.appendCodePoint(hex(start, 8));
        default -> throw source.error(start, "unknown escape sequence \\" + escape);
      }
    }
  }

  private int hex(int start, int digits) throws GoTemplateException {
    if (pos + digits > text.length()) {
      throw source.error(start, "unterminated quoted string");
    }
    try {
      int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
      pos += digits;
      return value;
    } catch (NumberFormatException e) {
      throw source.error(start, "invalid escape in quoted string");
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  private char charAt(int index) {
    return index < text.length() ? text.charAt(index) : '\0';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumberChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
  }

  private static String stripLeading(String run) {
    int i = 0;
    while (i < run.length() && isSpace(run.charAt(i))) {
      i++;
    }
    return run.substring(i);
  }

  private static String stripTrailing(String run) {
    int i = run.length();
    while (i > 0 && isSpace(run.charAt(i - 1))) {
      i--;
    }
    return run.substring(0, i);
  }
}
