package io.cpimage.belt.gotemplate;

import io.cpimage.belt.gotemplate.Node.Command;
import io.cpimage.belt.gotemplate.Node.Constant;
import io.cpimage.belt.gotemplate.Node.Dot;
import io.cpimage.belt.gotemplate.Node.Function;
import io.cpimage.belt.gotemplate.Node.Operand;
import io.cpimage.belt.gotemplate.Node.Parenthesized;
import io.cpimage.belt.gotemplate.Node.Pipeline;
import io.cpimage.belt.gotemplate.Node.Term;
import io.cpimage.belt.gotemplate.Node.Variable;
import io.cpimage.belt.gotemplate.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses tokens into {@link Node}s with Go's checks at parse time: every function must exist, every
 * variable must be declared in an enclosing scope, {@code break}/{@code continue} only in {@code
 * range}, every {@code if}/{@code with}/{@code range} closed by {@code end}.
 */
final class Parser {

  private final Source source;
  private final List<Token> tokens;
  private final Set<String> functions;
  private final List<String> variables = new ArrayList<>(List.of("$"));
  private int next;
  private int loopDepth;

  private Parser(Source source, List<Token> tokens, Set<String> functions) {
    this.source = source;
    this.tokens = tokens;
    this.functions = functions;
  }

  static List<Node> parse(Source source, Set<String> functions) throws GoTemplateException {
    Parser parser = new Parser(source, Lexer.tokens(source), functions);
    List<Node> nodes = parser.list();
    Token stop = parser.peek();
    if (!stop.is(Kind.EOF)) {
      throw source.error(stop.offset(), "unexpected {{" + stop.text() + "}}");
    }
    return nodes;
  }

  /** Nodes up to the end of the text or an {@code {{end}}}/{@code {{else}}} (left unread). */
  private List<Node> list() throws GoTemplateException {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      Token token = take();
      if (token.is(Kind.EOF)) {
        next--;
        return nodes;
      }
      if (token.is(Kind.TEXT)) {
        nodes.add(new Node.Text(token.offset(), token.text()));
        continue;
      }
      if (peek().is(Kind.RIGHT_DELIM) && peek().offset() >= token.offset() + 2) {
        // An action holding only a comment.
        if (commentOnly(token)) {
          take();
          continue;
        }
      }
      Token first = peek();
      if (first.isKeyword("end") || first.isKeyword("else")) {
        return nodes;
      }
      nodes.add(action(token));
    }
  }

  /** The lexer drops comments, leaving an empty action; a truly empty one is an error. */
  private boolean commentOnly(Token leftDelim) throws GoTemplateException {
    String between = source.text().substring(leftDelim.offset() + 2, peek().offset());
    if (between.contains("/*")) {
      return true;
    }
    throw source.error(leftDelim.offset(), "missing value for command");
  }

  private Node action(Token leftDelim) throws GoTemplateException {
    Token first = peek();
    if (first.is(Kind.KEYWORD)) {
      take();
      switch (first.text()) {
        case "if", "with", "range":
          return control(first);
        case "break", "continue":
          if (loopDepth == 0) {
            throw source.error(first.offset(), "{{" + first.text() + "}} outside {{range}}");
          }
          expect(Kind.RIGHT_DELIM, "in {{" + first.text() + "}}");
          return first.text().equals("break")
              ? new Node.Break(first.offset())
              : new Node.Continue(first.offset());
        default:
          throw source.error(
              first.offset(),
              "{{" + first.text() + "}} is not supported: the template is rendered on its own");
      }
    }
    Pipeline pipeline = pipeline("command", false);
    expect(Kind.RIGHT_DELIM, "in command");
    return new Node.Action(leftDelim.offset(), pipeline);
  }

  private Node control(Token keyword) throws GoTemplateException {
    int scope = variables.size();
    boolean range = keyword.text().equals("range");
    Pipeline pipeline = pipeline(keyword.text(), range);
    expect(Kind.RIGHT_DELIM, "in {{" + keyword.text() + "}}");
    if (range) {
      loopDepth++;
    }
    List<Node> body = list();
    if (range) {
      loopDepth--;
    }
    Token stop = take();
    if (stop.is(Kind.EOF)) {
      throw source.error(
          keyword.offset(), "unexpected EOF: {{" + keyword.text() + "}} has no {{end}}");
    }
    List<Node> orElse = List.of();
    if (stop.isKeyword("else")) {
      Token chained = peek();
      if (chained.isKeyword("if") || chained.isKeyword("with")) {
        take();
        orElse = List.of(control(chained));
      } else {
        expect(Kind.RIGHT_DELIM, "in {{else}}");
        orElse = list();
        Token end = take();
        if (!end.isKeyword("end")) {
          throw source.error(
              keyword.offset(), "expected {{end}} to close {{" + keyword.text() + "}}");
        }
        expect(Kind.RIGHT_DELIM, "in {{end}}");
      }
    } else {
      expect(Kind.RIGHT_DELIM, "in {{end}}");
    }
    truncateVariables(scope);
    return new Node.Control(keyword.offset(), keyword.text(), pipeline, body, orElse);
  }

  /** A pipeline, with its declaration if any; stops before {@code }}} or {@code )}. */
  private Pipeline pipeline(String context, boolean range) throws GoTemplateException {
    int offset = peek().offset();
    List<String> declared = new ArrayList<>();
    boolean declares = false;
    if (peek().is(Kind.VARIABLE)) {
      int mark = next;
      Token first = take();
      if (range && peek().is(Kind.COMMA)) {
        take();
        Token second = expect(Kind.VARIABLE, "in range declaration");
        expect(Kind.DECLARE, "in range declaration");
        declared.add(first.text());
        declared.add(second.text());
        declares = true;
      } else if (peek().is(Kind.DECLARE)) {
        take();
        declared.add(first.text());
        declares = true;
      } else if (peek().is(Kind.ASSIGN)) {
        take();
        if (!variables.contains(first.text())) {
          throw source.error(first.offset(), "undefined variable \"" + first.text() + "\"");
        }
        declared.add(first.text());
      } else {
        next = mark;
      }
    }
    List<Command> commands = new ArrayList<>();
    while (true) {
      Command command = command();
      if (command.operands().isEmpty()) {
        throw source.error(peek().offset(), "missing value for " + context);
      }
      if (!commands.isEmpty() && !executable(command.operands().get(0))) {
        throw source.error(
            command.offset(), "non executable command in pipeline stage " + (commands.size() + 1));
      }
      commands.add(command);
      if (!peek().is(Kind.PIPE)) {
        break;
      }
      take();
    }
    if (declares) {
      variables.addAll(declared);
    }
    return new Pipeline(offset, declared, declares, commands);
  }

  private static boolean executable(Operand operand) {
    return operand.term() instanceof Function || !operand.fields().isEmpty();
  }

  private Command command() throws GoTemplateException {
    int offset = peek().offset();
    List<Operand> operands = new ArrayList<>();
    while (true) {
      Token token = peek();
      if (token.is(Kind.PIPE)
          || token.is(Kind.RIGHT_DELIM)
          || token.is(Kind.RIGHT_PAREN)
          || token.is(Kind.EOF)) {
        return new Command(offset, operands);
      }
      if (!operands.isEmpty() && !token.spaceBefore()) {
        throw source.error(token.offset(), "missing space before \"" + token.text() + "\"");
      }
      operands.add(operand());
    }
  }

  private Operand operand() throws GoTemplateException {
    Token token = take();
    List<String> fields = new ArrayList<>();
    Term term =
        switch (token.kind()) {
          case DOT -> new Dot();
          case FIELD -> {
            fields.add(token.text());
            yield new Dot();
          }
          case VARIABLE -> {
            if (!variables.contains(token.text())) {
              throw source.error(token.offset(), "undefined variable \"" + token.text() + "\"");
            }
            yield new Variable(token.text());
          }
          case IDENTIFIER -> {
            if (!functions.contains(token.text())) {
              throw source.error(token.offset(), "function \"" + token.text() + "\" not defined");
            }
            yield new Function(token.text());
          }
          case STRING -> new Constant(token.text());
          case BOOL -> new Constant(Boolean.valueOf(token.text()));
          case NUMBER -> new Constant(number(token));
          case NIL -> new Node.Nil();
          case LEFT_PAREN -> {
            Pipeline inner = pipeline("parenthesized pipeline", false);
            if (!peek().is(Kind.RIGHT_PAREN)) {
              throw source.error(token.offset(), "unclosed left paren");
            }
            take();
            yield new Parenthesized(inner);
          }
          default ->
              throw source.error(token.offset(), "unexpected " + describe(token) + " in operand");
        };
    while (peek().is(Kind.FIELD) && !peek().spaceBefore()) {
      fields.add(take().text());
    }
    return new Operand(token.offset(), term, fields);
  }

  /** Go's number constants: integers (decimal, 0x, 0o, 0b, with _) or floats. */
  private Object number(Token token) throws GoTemplateException {
    String text = token.text().replace("_", "");
    try {
      boolean negative = text.startsWith("-");
      String digits = negative || text.startsWith("+") ? text.substring(1) : text;
      String lower = digits.toLowerCase(java.util.Locale.ROOT);
      long value;
      if (lower.startsWith("0x")) {
        value = Long.parseLong(lower.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        value = Long.parseLong(lower.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        value = Long.parseLong(lower.substring(2), 2);
      } else if (lower.contains(".") || lower.contains("e")) {
        return Double.parseDouble(text);
      } else if (lower.length() > 1 && lower.startsWith("0")) {
        value = Long.parseLong(lower.substring(1), 8);
      } else {
        value = Long.parseLong(lower);
      }
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      throw source.error(token.offset(), "bad number syntax: \"" + token.text() + "\"");
    }
  }

  private static String describe(Token token) {
    return token.is(Kind.RIGHT_DELIM)
        ? "\"}}\""
        : token.is(Kind.EOF) ? "EOF" : "\"" + token.text() + "\"";
  }

  private Token expect(Kind kind, String context) throws GoTemplateException {
    Token token = take();
    if (!token.is(kind)) {
      if (token.is(Kind.EOF) || token.is(Kind.TEXT)) {
        throw source.error(token.offset(), "unclosed action");
      }
      throw source.error(token.offset(), "unexpected " + describe(token) + " " + context);
    }
    return token;
  }

  private void truncateVariables(int size) {
    while (variables.size() > size) {
      variables.remove(variables.size() - 1);
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    return tokens.get(next++);
  }
}
