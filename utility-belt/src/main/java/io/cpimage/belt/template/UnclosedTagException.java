package io.cpimage.belt.template;

/**
 * A template's tag, expression or comment has no end before the end of the template; the position
 * is that of its opening delimiter, so the message can say where it starts.
 */
final class UnclosedTagException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Enough of the opening line to recognise the tag; a long one is cut. */
  private static final int QUOTED_LENGTH = 40;

  private final int line;
  private final int column;

  private UnclosedTagException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /**
   * The {@code kind} ("tag", "expression", "comment") opened at {@code offset} of {@code text} and
   * not closed by {@code close}.
   */
  static UnclosedTagException at(String text, int offset, String kind, String close) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    int line = 1 + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
    int lineEnd = text.indexOf('\n', offset);
    String opening = text.substring(offset, lineEnd < 0 ? text.length() : lineEnd).strip();
    if (opening.length() > QUOTED_LENGTH) {
      opening = opening.substring(0, QUOTED_LENGTH) + "...";
    }
    return new UnclosedTagException(
        "unclosed "
            + kind
            + " '"
            + opening
            + "': no '"
            + close
            + "' before the end of the template",
        line,
        offset - lineStart + 1);
  }

  /** The 1-based line of the opening delimiter. */
  int line() {
    return line;
  }

  /** The 1-based column of the opening delimiter. */
  int column() {
    return column;
  }
}
