package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Jinja2SourceTest {

  @Test
  void dropsExactlyOneTrailingNewline() throws UnclosedTagException {
    assertEquals("a\n", Jinja2Source.prepare("a\n\n"));
    assertEquals("a", Jinja2Source.prepare("a"));
  }

  @Test
  void joinsAdjacentLiteralsInsideTagsAndKeepsTheLineCount() throws UnclosedTagException {
    String source = "{% set x = ['A'\n  'B', \"C\" \"D\"] %}\nline 3";
    assertEquals(
        "{% set x = ['AB'\n, \"CD\"] %}\nline 3", Jinja2Source.joinAdjacentLiterals(source));
  }

  @Test
  void joinsInsideExpressionsAndRespectsEscapes() throws UnclosedTagException {
    assertEquals("{{ 'it\\'s' }}", Jinja2Source.joinAdjacentLiterals("{{ 'it\\'' 's' }}"));
  }

  @Test
  void leavesSeparatedLiteralsMixedQuotesTextCommentsAndRawBlocksAlone()
      throws UnclosedTagException {
    String source =
        "'a' 'b' text {# 'c' 'd' #} {% raw %}{{ 'e' 'f' }}{% endraw %} {{ 'g', 'h' }} {{ 'i' \"j\" }}";
    assertEquals(source, Jinja2Source.joinAdjacentLiterals(source));
  }
}
