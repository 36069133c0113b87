package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden tests with our own templates shaped like Confluent's kafka.properties and log4j ones. */
public class TemplateRendererTest {

  /** A broker's environment: broker settings plus the helper variables that must not leak. */
  public static final Map<String, String> BROKER_ENV =
      Map.ofEntries(
          Map.entry("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181"),
          Map.entry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-1:9092"),
          Map.entry("KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092"),
          Map.entry("KAFKA_BROKER_ID", "1"),
          Map.entry("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
          Map.entry(
              "KAFKA_LISTENER_NAME_SASL__SSL_PLAIN_SASL_JAAS_CONFIG",
              "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
          Map.entry("KAFKA_HEAP_OPTS", "-Xmx1G"),
          Map.entry("KAFKA_JMX_PORT", "9999"),
          Map.entry("KAFKA_LOG4J_LOGGERS", "kafka=WARN"),
          Map.entry("CONFLUENT_SUPPORT_METRICS_ENABLE", "false"),
          Map.entry("PATH", "/usr/bin"));

  @TempDir Path dir;

  public static Path template(String name) {
    try {
      return Path.of(TemplateRendererTest.class.getResource("/templates/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String expected(String name) throws IOException {
    return Files.readString(template(name));
  }

  @Test
  void rendersTheBrokerPropertiesWithoutLaunchVariables() throws Exception {
    assertEquals(
        expected("kafka.properties.expected"),
        TemplateRenderer.forEnvironment(BROKER_ENV).render(template("kafka.properties.template")));
  }

  @Test
  void rendersLog4jWithRootLevelAndMergedLoggers() throws Exception {
    Map<String, String> env =
        Map.of(
            "KAFKA_LOG4J_ROOT_LOGLEVEL",
            "WARN",
            "KAFKA_LOG4J_LOGGERS",
            "kafka.controller=INFO, kafka.authorizer.logger=INFO, authorizerAppender,"
                + "kafka.coordinator=DEBUG");
    assertEquals(
        expected("log4j.properties.expected"),
        TemplateRenderer.forEnvironment(env).render(template("log4j.properties.template")));
  }

  @Test
  void log4jDefaultsApplyWhenNoVariablesAreSet() throws Exception {
    String rendered =
        TemplateRenderer.forEnvironment(Map.of()).render(template("log4j.properties.template"));
    assertTrue(rendered.startsWith("log4j.rootLogger=INFO, stdout\n"), rendered);
    assertTrue(rendered.endsWith("log4j.logger.kafka.authorizer.logger=WARN\n"), rendered);
  }

  @Test
  void python2TemplatesRenderAsJinja2DoesIncludingTheMissingCommaLeak() throws Exception {
    Map<String, String> env =
        Map.of(
            "KAFKA_HEAP_OPTS", "-Xmx1G",
            "KAFKA_LOG4J_OPTS", "-Dlog4j.configuration=x",
            "KAFKA_VERSION", "3.9",
            "KAFKA_BROKER_ID", "2");
    // 'KAFKA_HEAP_OPTS' 'KAFKA_LOG4J_OPTS' is one string to Jinja2, so neither is excluded.
    assertEquals(
        "broker.id=2\nheap.opts=-Xmx1G\nlog4j.opts=-Dlog4j.configuration=x\n",
        TemplateRenderer.forEnvironment(env)
            .render(template("legacy-python2.properties.template")));
  }

  @Test
  void theEnvironmentAnswersIteritemsToo() throws Exception {
    Path template = write("t", "{% for k, v in env.iteritems() %}{{k}}={{v}};{% endfor %}");
    assertEquals(
        "A=1;B=2;", TemplateRenderer.forEnvironment(Map.of("B", "2", "A", "1")).render(template));
  }

  @Test
  void envToPropsReadsTheEnvironmentEvenWhenTheTemplateReassignsEnv() throws Exception {
    Path template =
        write(
            "t",
            "{% set env = {'KAFKA_FAKE': 'x'} %}"
                + "{% for k, v in env_to_props('KAFKA_', '').items() %}{{k}}={{v}}{% endfor %}");
    assertEquals(
        "broker.id=1",
        TemplateRenderer.forEnvironment(Map.of("KAFKA_BROKER_ID", "1")).render(template));
  }

  @Test
  void environmentValuesAreNeverEvaluated() throws Exception {
    Path template =
        write(
            "t",
            "a={{ env['A'] }}\n{% for k, v in env_to_props('X_', '').items() %}{{k}}={{v}}{% endfor %}");
    Map<String, String> env = Map.of("A", "{{ 7*7 }}", "X_B", "{% raw %}{{ 6*7 }}");
    assertEquals(
        "a={{ 7*7 }}\nb={% raw %}{{ 6*7 }}", TemplateRenderer.forEnvironment(env).render(template));
  }

  @Test
  void missingVariablesFollowJinja2() throws Exception {
    Path template =
        write(
            "t",
            "[{{ env['NOPE'] }}][{{ env.get('NOPE', 'd') }}][{{ env['NOPE'] | default('x') }}]"
                + "[{{ env['EMPTY'] | default('x') }}][{% if env.get('NOPE') != None %}set{% endif %}]\n");
    assertEquals(
        "[][d][x][][]", TemplateRenderer.forEnvironment(Map.of("EMPTY", "")).render(template));
  }

  @Test
  void trimBlocksAndOneTrailingNewlineDropped() throws Exception {
    Path template =
        write("t", "{% if true %}\nx\n{% endif %}\n  {% if true %}\ny\n{% endif %}\n\n");
    assertEquals("x\n  y\n", TemplateRenderer.forEnvironment(Map.of()).render(template));
  }

  @Test
  void aSyntaxErrorNamesTheFileAndLine() throws Exception {
    Path template = write("broken.template", "line 1\nline 2\n{{ env['A' }}\n");
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> TemplateRenderer.forEnvironment(Map.of()).render(template));
    assertTrue(e.getMessage().startsWith(template + ":3:"), e.getMessage());
  }

  /**
   * Each syntax error with its message: file, 1-based line and column of the tag, what is wrong.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          "a=1\\nb = {{ env['X'] \\nc=3"      | 2:5: unclosed expression '{{ env['X']': no '}}' before the end of the template
          "a=1\\n\\n  {% if true \\n"         | 3:3: unclosed tag '{% if true': no '%}' before the end of the template
          "a=1\\nb=2 {# note"                 | 2:5: unclosed comment '{# note': no '#}' before the end of the template
          "a=1\\n  x {% frob %}\\n"           | 2:5: Syntax error in '{% frob %}': Unknown tag: frob
          "a=1\\n{% if true %}\\nx\\n"        | 2:1: Syntax error in '{% if true %}': Missing end tag: endif for tag defined as: {% if true %}
          "a=1\\n  {% endif %}\\n"            | 2:3: Missing start tag
          """)
  void aSyntaxErrorNamesTheFileLineAndColumn(String source, String message) throws Exception {
    Path template = write("broken.template", source.translateEscapes());
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> TemplateRenderer.forEnvironment(Map.of("X", "1")).render(template));
    assertEquals(template + ":" + message, e.getMessage());
  }

  @Test
  void anEndInsideAQuotedStringDoesNotCloseTheExpression() throws Exception {
    Path template = write("t", "a=1\nb={{ 'x }}\n");
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> TemplateRenderer.forEnvironment(Map.of()).render(template));
    assertTrue(e.getMessage().startsWith(template + ":2:3: unclosed expression"), e.getMessage());
  }

  @Test
  void anUndefinedVariableRendersEmptyAsInJinja2() throws Exception {
    Path template = write("t", "[{{ no_such_variable }}][{{ env['NOPE'] }}]\n");
    assertEquals("[][]", TemplateRenderer.forEnvironment(Map.of()).render(template));
  }

  @Test
  void anUnknownFunctionNamesTheFileAndLine() throws Exception {
    Path template = write("unknown.template", "ok\n{{ no_such_function('x') }}\n");
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> TemplateRenderer.forEnvironment(Map.of()).render(template));
    assertTrue(e.getMessage().startsWith(template + ":2: "), e.getMessage());
  }

  @Test
  void aMissingTemplateIsNamed() {
    Path missing = dir.resolve("missing.template");
    TemplateException e =
        assertThrows(
            TemplateException.class,
            () -> TemplateRenderer.forEnvironment(Map.of()).render(missing));
    assertEquals(missing + ": template not found", e.getMessage());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
