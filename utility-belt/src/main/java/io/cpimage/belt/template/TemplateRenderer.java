package io.cpimage.belt.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Renders Confluent-style Jinja2 templates with jinjava, configured as Python's {@code dub
 * template} renders them ({@code trim_blocks}, one trailing newline dropped, {@code env} plus the
 * globals {@code env_to_props} and {@code parse_log4j_loggers}).
 *
 * <p>Environment values are data: nested interpretation is off, so {@code {{ 7*7 }}} inside a value
 * is printed as it is. As in Jinja2, every syntax error fails the render: jinjava's FATAL errors
 * and its syntax warnings (an end tag without its start, say), on which jinjava itself would return
 * output. An undefined variable is not an error: it renders empty, as with Jinja2's default.
 */
public final class TemplateRenderer {

  static final String ENV = "env";

  /**
   * The environment for the globals, under a name no template can write ({@code -} and {@code .}
   * are not allowed in a variable name).
   */
  static final String ENVIRONMENT = "cp-image.environment";

  /** Where {@code env_to_props} records its calls, under a name no template can write either. */
  static final String CALLS = "cp-image.env-to-props-calls";

  private static final AtomicBoolean LIBRARIES_WARMED_UP = new AtomicBoolean();

  private final Jinjava jinjava;
  private final List<EnvToPropsCall> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Object> context;

  private TemplateRenderer(Map<String, String> env) {
    warmUpJinjavasLibraries();
    this.jinjava = new Jinjava(jinja2CompatibleConfig());
    jinjava.registerFunction(
        new ELFunctionDefinition(
            "",
            "env_to_props",
            TemplateGlobals.class,
            "envToProps",
            String.class,
            String.class,
            Object[].class));
    jinjava.registerFunction(
        new ELFunctionDefinition(
            "",
            "parse_log4j_loggers",
            TemplateGlobals.class,
            "parseLog4jLoggers",
            String.class,
            Object[].class));
    this.context =
        Map.of(ENV, new Jinja2Dict(new TreeMap<>(env)), ENVIRONMENT, Map.copyOf(env), CALLS, calls);
  }

  /** A renderer whose templates see {@code env} as their environment. */
  public static TemplateRenderer forEnvironment(Map<String, String> env) {
    return new TemplateRenderer(env);
  }

  /** The {@code env_to_props} calls of every template rendered so far, in call order. */
  public List<EnvToPropsCall> envToPropsCalls() {
    return List.copyOf(calls);
  }

  /** Renders the template file; relative paths are resolved against the working directory. */
  public String render(Path template) throws TemplateException {
    String source;
    try {
      source = Files.readString(template, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TemplateException(template + ": template not found", e);
    } catch (IOException e) {
      throw new TemplateException(template + ": cannot read template: " + e.getMessage(), e);
    }
    String prepared;
    try {
      prepared = Jinja2Source.prepare(source);
    } catch (UnclosedTagException e) {
      throw new TemplateException(
          location(template, e.line(), e.column()) + ": " + e.getMessage(), e);
    }
    RenderResult result = jinjava.renderForResult(prepared, context);
    String errors =
        result.getErrors().stream()
            .filter(TemplateRenderer::failsTheRender)
            .map(error -> describe(template, error))
            .collect(Collectors.joining(System.lineSeparator()));
    if (!errors.isEmpty()) {
      throw new TemplateException(errors);
    }
    return result.getOutput();
  }

  private static boolean failsTheRender(TemplateError error) {
    return error.getSeverity() == ErrorType.FATAL || error.getReason() == ErrorReason.SYNTAX_ERROR;
  }

  private static String describe(Path template, TemplateError error) {
    return location(template, error.getLineno(), error.getStartPosition())
        + ": "
        + error.getMessage();
  }

  /**
   * {@code file:line:column}, or {@code file:line} when jinjava knows no column (it gives -1 for an
   * error found while evaluating, such as an unknown function).
   */
  private static String location(Path template, int line, int column) {
    return template + ":" + line + (column > 0 ? ":" + column : "");
  }

  /**
   * Makes a global context, and throws it away, on a thread of its own: its ~190 filters, functions
   * and tags, which jinjava makes by reflection, have their classes loaded and initialised by the
   * time {@code new Jinjava} makes its own context, while this thread builds the configuration's
   * Jackson {@code ObjectMapper} (whose date format loads the JDK's locale data). Each was about 40
   * ms of a render's start, one after the other; a boot renders in a JVM of its own. Once per JVM:
   * a later renderer (a chain's second {@code template}) finds the classes initialised. A daemon,
   * so that it never holds the JVM's exit; a failure in it is the main thread's to report, when its
   * own context meets it.
   */
  private static void warmUpJinjavasLibraries() {
    if (!LIBRARIES_WARMED_UP.compareAndSet(false, true)) {
      return;
    }
    Thread warmUp =
        new Thread(
            () -> {
              try {
                new Context();
              } catch (RuntimeException e) {
                // The main thread's context reports it.
              }
            },
            "jinjava-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** The configuration that rendered Confluent's templates byte-identically in our comparison. */
  private static JinjavaConfig jinja2CompatibleConfig() {
    return JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withNestedInterpretationEnabled(false)
        // Jinja2 drops one trailing newline of the *source* (Jinja2Source does that); jinjava's
        // own option would strip it from the output instead.
        .withKeepTrailingNewline(true)
        .withLegacyOverrides(
            LegacyOverrides.newBuilder()
                .withIterateOverMapKeys(true)
                .withEvaluateMapKeys(true)
                .withUsePyishObjectMapper(true)
                .withKeepNullableLoopValues(true)
                .withUseNaturalOperatorPrecedence(true)
                .build())
        .build();
  }
}
