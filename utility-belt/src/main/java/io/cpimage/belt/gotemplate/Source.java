package io.cpimage.belt.gotemplate;

/** A template's name and text; turns an offset in the text into a {@code name:line:column}. */
record Source(String name, String text) {

  /** An error at {@code offset}: {@code template: name:line:column: message}. */
  GoTemplateException error(int offset, String message) {
    return new GoTemplateException("template: " + where(offset) + ": " + message);
  }

  /** Line and column are 1-based (Go counts columns from 0; editors and dub count from 1). */
  String where(int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return name + ":" + line + ":" + (offset - lineStart + 1);
  }
}
