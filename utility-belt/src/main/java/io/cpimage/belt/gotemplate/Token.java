package io.cpimage.belt.gotemplate;

/**
 * One lexical item: a run of text outside actions, a delimiter, or a token inside an action. {@code
 * spaceBefore} tells an argument list ({@code .A .B}) from a field chain ({@code (x).B}).
 */
record Token(Kind kind, String text, int offset, boolean spaceBefore) {

  enum Kind {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    COMMENT,
    IDENTIFIER,
    KEYWORD,
    FIELD,
    VARIABLE,
    DOT,
    STRING,
    NUMBER,
    BOOL,
    NIL,
    LEFT_PAREN,
    RIGHT_PAREN,
    PIPE,
    DECLARE,
    ASSIGN,
    COMMA,
    EOF
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  boolean isKeyword(String word) {
    return kind == Kind.KEYWORD && text.equals(word);
  }
}
