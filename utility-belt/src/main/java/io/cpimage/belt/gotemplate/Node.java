package io.cpimage.belt.gotemplate;

import java.util.List;

/** The parsed template: text, actions and control structures, each with its offset for errors. */
sealed interface Node {

  int offset();

  record Text(int offset, String text) implements Node {}

  /** {@code {{pipeline}}}: prints the pipeline's value unless it declares or assigns variables. */
  record Action(int offset, Pipeline pipeline) implements Node {}

  /** {@code if}, {@code with} (dot becomes the value) and {@code range}, with their else branch. */
  record Control(int offset, String keyword, Pipeline pipeline, List<Node> body, List<Node> orElse)
      implements Node {}

  record Break(int offset) implements Node {}

  record Continue(int offset) implements Node {}

  /** Commands joined by {@code |}; variables it declares ({@code :=}) or assigns ({@code =}). */
  record Pipeline(int offset, List<String> variables, boolean declares, List<Command> commands) {}

  /** A function, field, variable or constant followed by its arguments. */
  record Command(int offset, List<Operand> operands) {}

  /** One operand: a term, then the fields chained to it ({@code $x.A.B}, {@code (f).A}). */
  record Operand(int offset, Term term, List<String> fields) {}

  sealed interface Term {}

  /** {@code .} alone ({@code fields} empty) or {@code .A.B}: starts at dot. */
  record Dot() implements Term {}

  record Variable(String name) implements Term {}

  record Function(String name) implements Term {}

  record Constant(Object value) implements Term {}

  record Nil() implements Term {}

  record Parenthesized(Pipeline pipeline) implements Term {}
}
