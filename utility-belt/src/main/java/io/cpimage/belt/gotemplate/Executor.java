package io.cpimage.belt.gotemplate;

import io.cpimage.belt.gotemplate.Node.Command;
import io.cpimage.belt.gotemplate.Node.Operand;
import io.cpimage.belt.gotemplate.Node.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs parsed nodes against data with Go's semantics: variables live until the {@code end} of the
 * block that declared them, {@code range} visits map keys in sorted order, {@code with} moves dot,
 * a pipeline's value is the last argument of its next command.
 */
final class Executor {

  /** Ends one {@code range} iteration ({@code continue}) or the loop ({@code break}). */
  private static final class LoopControl extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean breaks;

    LoopControl(boolean breaks) {
      super(null, null, false, false);
      this.breaks = breaks;
    }
  }

  private static final LoopControl BREAK = new LoopControl(true);
  private static final LoopControl CONTINUE = new LoopControl(false);

  private final Source source;
  private final Map<String, GoFunction> functions;
  private final StringBuilder out = new StringBuilder();
  private final List<String> names = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  Executor(Source source, Map<String, GoFunction> functions) {
    this.source = source;
    this.functions = functions;
  }

  String run(List<Node> nodes, Object data) throws GoTemplateException {
    push("$", data);
    walk(nodes, data);
    return out.toString();
  }

  private void walk(List<Node> nodes, Object dot) throws GoTemplateException {
    for (Node node : nodes) {
      walk(node, dot);
    }
  }

  private void walk(Node node, Object dot) throws GoTemplateException {
    if (node instanceof Node.Text text) {
      out.append(text.text());
    } else if (node instanceof Node.Action action) {
      Object value = pipeline(action.pipeline(), dot);
      if (action.pipeline().variables().isEmpty()) {
        out.append(value == NoValue.INSTANCE ? "<no value>" : Values.print(value));
      }
    } else if (node instanceof Node.Control control) {
      int scope = names.size();
      if (control.keyword().equals("range")) {
        range(control, dot);
      } else {
        Object value = pipeline(control.pipeline(), dot);
        if (Values.truth(value)) {
          walk(control.body(), control.keyword().equals("with") ? value : dot);
        } else {
          walk(control.orElse(), dot);
        }
      }
      pop(scope);
    } else if (node instanceof Node.Break) {
      throw BREAK;
    } else if (node instanceof Node.Continue) {
      throw CONTINUE;
    }
  }

  private void range(Node.Control control, Object dot) throws GoTemplateException {
    Pipeline pipeline = control.pipeline();
    Object collection = commands(pipeline, dot);
    List<Object[]> entries = new ArrayList<>();
    if (collection instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        entries.add(new Object[] {(long) i, list.get(i)});
      }
    } else if (collection instanceof Map<?, ?> map) {
      Values.sorted(map).forEach((key, value) -> entries.add(new Object[] {key, value}));
    } else if (collection instanceof Long count) {
      for (long i = 0; i < count; i++) {
        entries.add(new Object[] {i, i});
      }
    } else if (collection != null && collection != NoValue.INSTANCE) {
      throw error(pipeline.offset(), "range can't iterate over " + Values.print(collection));
    }
    if (entries.isEmpty()) {
      walk(control.orElse(), dot);
      return;
    }
    List<String> variables = pipeline.variables();
    for (Object[] entry : entries) {
      int scope = names.size();
      if (variables.size() == 1) {
        push(variables.get(0), entry[1]);
      } else if (variables.size() == 2) {
        push(variables.get(0), entry[0]);
        push(variables.get(1), entry[1]);
      }
      try {
        walk(control.body(), entry[1]);
      } catch (LoopControl control2) {
        if (control2.breaks) {
          pop(scope);
          break;
        }
      }
      pop(scope);
    }
  }

  /** Evaluates a pipeline and declares or assigns its variables. */
  private Object pipeline(Pipeline pipeline, Object dot) throws GoTemplateException {
    Object value = commands(pipeline, dot);
    for (String variable : pipeline.variables()) {
      if (pipeline.declares()) {
        push(variable, value);
      } else {
        values.set(names.lastIndexOf(variable), value);
      }
    }
    return value;
  }

  private Object commands(Pipeline pipeline, Object dot) throws GoTemplateException {
    Object value = null;
    boolean first = true;
    for (Command command : pipeline.commands()) {
      value = command(command, dot, first ? Missing.NONE : value);
      first = false;
    }
    return value;
  }

  /** Marks "no value piped in", which differs from a nil piped in. */
  private enum Missing {
    NONE
  }

  private Object command(Command command, Object dot, Object piped) throws GoTemplateException {
    Operand head = command.operands().get(0);
    List<Operand> rest = command.operands().subList(1, command.operands().size());
    if (head.term() instanceof Node.Function function && head.fields().isEmpty()) {
      return call(function.name(), head.offset(), rest, dot, piped);
    }
    if (!rest.isEmpty() || piped != Missing.NONE) {
      throw error(head.offset(), "can't give argument to non-function " + describe(head));
    }
    if (head.term() instanceof Node.Nil) {
      throw error(head.offset(), "nil is not a command");
    }
    return operand(head, dot);
  }

  private Object call(String name, int offset, List<Operand> argNodes, Object dot, Object piped)
      throws GoTemplateException {
    if (name.equals(Builtins.AND) || name.equals(Builtins.OR)) {
      return andOr(name, offset, argNodes, dot, piped);
    }
    List<Object> args = new ArrayList<>();
    for (Operand arg : argNodes) {
      args.add(argument(arg, dot));
    }
    if (piped != Missing.NONE) {
      args.add(piped == NoValue.INSTANCE ? null : piped);
    }
    try {
      return functions.get(name).call(args);
    } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
      throw error(offset, "error calling " + name + ": " + e.getMessage());
    }
  }

  /** {@code and}/{@code or}: the first operand that decides, later ones not evaluated. */
  private Object andOr(String name, int offset, List<Operand> argNodes, Object dot, Object piped)
      throws GoTemplateException {
    int count = argNodes.size() + (piped != Missing.NONE ? 1 : 0);
    if (count == 0) {
      throw error(offset, "wrong number of args for " + name + ": want at least 1 got 0");
    }
    boolean and = name.equals(Builtins.AND);
    Object value = null;
    for (int i = 0; i < count; i++) {
      value = i < argNodes.size() ? argument(argNodes.get(i), dot) : piped;
      if (Values.truth(value) != and) {
        return value;
      }
    }
    return value;
  }

  /** An argument: a missing value becomes nil; a function name alone is called without args. */
  private Object argument(Operand arg, Object dot) throws GoTemplateException {
    if (arg.term() instanceof Node.Function function && arg.fields().isEmpty()) {
      return call(function.name(), arg.offset(), List.of(), dot, Missing.NONE);
    }
    if (arg.term() instanceof Node.Nil) {
      return null;
    }
    Object value = operand(arg, dot);
    return value == NoValue.INSTANCE ? null : value;
  }

  private Object operand(Operand operand, Object dot) throws GoTemplateException {
    Object value;
    if (operand.term() instanceof Node.Dot) {
      value = dot;
    } else if (operand.term() instanceof Node.Variable variable) {
      value = values.get(names.lastIndexOf(variable.name()));
    } else if (operand.term() instanceof Node.Constant constant) {
      value = constant.value();
    } else if (operand.term() instanceof Node.Parenthesized parenthesized) {
      value = pipeline(parenthesized.pipeline(), dot);
    } else if (operand.term() instanceof Node.Function function) {
      value = call(function.name(), operand.offset(), List.of(), dot, Missing.NONE);
    } else {
      value = null;
    }
    for (String field : operand.fields()) {
      if (value instanceof Map<?, ?> map) {
        Object entry = map.get(field);
        value = entry != null || map.containsKey(field) ? entry : NoValue.INSTANCE;
      } else if (value == null || value == NoValue.INSTANCE) {
        value = NoValue.INSTANCE;
      } else {
        throw error(
            operand.offset(),
            "can't evaluate field " + field + " in type " + Values.typeName(value));
      }
    }
    return value;
  }

  private static String describe(Operand operand) {
    String fields = operand.fields().isEmpty() ? "" : "." + String.join(".", operand.fields());
    if (operand.term() instanceof Node.Constant constant) {
      return Values.print(constant.value()) + fields;
    }
    if (operand.term() instanceof Node.Variable variable) {
      return variable.name() + fields;
    }
    return fields.isEmpty() ? "." : fields;
  }

  private void push(String name, Object value) {
    names.add(name);
    values.add(value);
  }

  private void pop(int size) {
    while (names.size() > size) {
      names.remove(names.size() - 1);
      values.remove(values.size() - 1);
    }
  }

  private GoTemplateException error(int offset, String message) {
    return source.error(offset, "executing \"" + source.name() + "\": " + message);
  }
}
