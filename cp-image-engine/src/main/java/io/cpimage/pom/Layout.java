package io.cpimage.pom;

import de.pdark.decentxml.Comment;
import de.pdark.decentxml.Document;
import de.pdark.decentxml.Element;
import de.pdark.decentxml.Node;
import de.pdark.decentxml.Parent;
import de.pdark.decentxml.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inserts elements the way the file is already formatted: the file's line separator, the
 * indentation of the siblings (or the parent's plus the file's indent unit), and no change to any
 * other character.
 */
final class Layout {

  private static final String DEFAULT_INDENT_UNIT = "  ";

  private final String lineSeparator;
  private final String indentUnit;

  private Layout(String lineSeparator, String indentUnit) {
    this.lineSeparator = lineSeparator;
    this.indentUnit = indentUnit;
  }

  /** Detects the line separator and indent unit (tab, 2, 3, 4 spaces, ...) of a parsed file. */
  static Layout of(String text, Document document) {
    return new Layout(lineSeparatorOf(text), indentUnitOf(document.getRootElement()));
  }

  String lineSeparator() {
    return lineSeparator;
  }

  String indentUnit() {
    return indentUnit;
  }

  /** Adds {@code child} as the last element of {@code parent} and returns it. */
  Element append(Element parent, Element child) {
    List<Node> nodes = parent.getNodes();
    int last = nodes.size() - 1;
    while (last >= 0 && isWhitespace(nodes.get(last))) {
      last--;
    }
    if (last < 0) {
      parent.clearNodes();
      parent.addNodes(
          new Text(lineSeparator + childIndent(parent)),
          child,
          new Text(lineSeparator + indentOf(parent)));
    } else {
      insert(parent, last + 1, child);
    }
    return child;
  }

  /**
   * Adds {@code child} before the first child of {@code parent} named in {@code successors} (and
   * before the comments just above it, which describe it), else as the last child.
   */
  Element insertBefore(Element parent, Element child, Set<String> successors) {
    List<Node> nodes = parent.getNodes();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) instanceof Element sibling && successors.contains(sibling.getName())) {
        int at = i;
        while (at > 0
            && (isWhitespace(nodes.get(at - 1)) || nodes.get(at - 1) instanceof Comment)) {
          at--;
        }
        while (at < i && !isWhitespace(nodes.get(at))) {
          at++;
        }
        insert(parent, at, child);
        return child;
      }
    }
    return append(parent, child);
  }

  private void insert(Element parent, int index, Element child) {
    if (isSingleLine(parent)) {
      parent.addNode(index, child);
    } else {
      parent.addNodes(index, new Text(lineSeparator + childIndent(parent)), child);
    }
  }

  /** Children written on one line with their parent ({@code <a><b/><c/></a>}) stay on it. */
  private static boolean isSingleLine(Element parent) {
    boolean hasElements = false;
    for (Node node : parent.getNodes()) {
      if (node instanceof Element) {
        hasElements = true;
      } else if (isWhitespace(node) && ((Text) node).getText().contains("\n")) {
        return false;
      }
    }
    return hasElements;
  }

  /** The indentation of the parent's last child on a line of its own, else parent's + unit. */
  private String childIndent(Element parent) {
    String indent = null;
    for (Element sibling : parent.getChildren()) {
      String siblingIndent = lineIndent(sibling);
      if (siblingIndent != null) {
        indent = siblingIndent;
      }
    }
    return indent != null ? indent : indentOf(parent) + indentUnit;
  }

  private String indentOf(Element element) {
    String indent = lineIndent(element);
    if (indent != null) {
      return indent;
    }
    Element parent = element.getParentElement();
    return parent == null ? "" : indentOf(parent) + indentUnit;
  }

  /** The whitespace before {@code element} on its line, or null if it does not start a line. */
  private static String lineIndent(Element element) {
    Parent parent = element.getParent();
    if (parent == null) {
      return null;
    }
    List<Node> siblings = parent.getNodes();
    int index = siblings.indexOf(element);
    if (index == 0 && element.getParentElement() == null) {
      return "";
    }
    if (index > 0 && isWhitespace(siblings.get(index - 1))) {
      String whitespace = ((Text) siblings.get(index - 1)).getText();
      int newline = whitespace.lastIndexOf('\n');
      return newline >= 0 ? whitespace.substring(newline + 1) : null;
    }
    return null;
  }

  private static boolean isWhitespace(Node node) {
    return node instanceof Text text && !text.isCDATA() && text.getText().isBlank();
  }

  /** The most common difference between an element's indentation and its parent's. */
  private static String indentUnitOf(Element root) {
    Map<String, Integer> counts = new HashMap<>();
    countIndentSteps(root, "", counts);
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(DEFAULT_INDENT_UNIT);
  }

  private static void countIndentSteps(
      Element element, String elementIndent, Map<String, Integer> counts) {
    for (Element child : element.getChildren()) {
      String childIndent = lineIndent(child);
      if (childIndent == null) {
        continue;
      }
      if (childIndent.length() > elementIndent.length() && childIndent.startsWith(elementIndent)) {
        counts.merge(childIndent.substring(elementIndent.length()), 1, Integer::sum);
      }
      countIndentSteps(child, childIndent, counts);
    }
  }

  /** CRLF when most line breaks are CRLF, else LF. */
  private static String lineSeparatorOf(String text) {
    int crlf = 0;
    int lf = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (i > 0 && text.charAt(i - 1) == '\r') {
        crlf++;
      } else {
        lf++;
      }
    }
    return crlf > lf ? "\r\n" : "\n";
  }
}
