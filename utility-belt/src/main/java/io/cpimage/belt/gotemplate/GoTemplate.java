package io.cpimage.belt.gotemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go {@code text/template}: Go's actions, trimming, comments, variables, {@code if}/{@code
 * with}/{@code range} (with {@code else}, {@code break}, {@code continue}), pipelines and
 * predefined functions, plus the caller's functions. Nested templates ({@code define}, {@code
 * template}, {@code block}) are not supported. Execution either returns the whole output or throws:
 * nothing partial.
 *
 * <pre>{@code
 * GoTemplate template = GoTemplate.parse("kafka.properties", text, Map.of("getEnv", getEnv));
 * String output = template.execute(environment);
 * }</pre>
 */
public final class GoTemplate {

  private final Source source;
  private final List<Node> nodes;
  private final Map<String, GoFunction> functions;

  private GoTemplate(Source source, List<Node> nodes, Map<String, GoFunction> functions) {
    this.source = source;
    this.nodes = nodes;
    this.functions = functions;
  }

  /**
   * Parses {@code text}; {@code name} (a file name) starts every error message. The caller's
   * functions are added to Go's predefined ones and may replace them, as {@code Funcs} does.
   */
  public static GoTemplate parse(String name, String text, Map<String, GoFunction> functions)
      throws GoTemplateException {
    Map<String, GoFunction> all = new HashMap<>(Builtins.functions());
    all.putAll(functions);
    Source source = new Source(name, text);
    return new GoTemplate(source, Parser.parse(source, all.keySet()), all);
  }

  /** Runs the template with {@code data} as dot (a map's keys are its fields). */
  public String execute(Object data) throws GoTemplateException {
    return new Executor(source, functions).run(nodes, data);
  }
}
