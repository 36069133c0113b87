package io.cpimage.belt.ub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.gotemplate.GoTemplate;
import io.cpimage.belt.gotemplate.GoTemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ub's template functions, each as the reference describes Confluent's (cp-docker-utils ub). */
class TemplateFunctionsTest {

  private static String render(Map<String, String> env, String text) throws GoTemplateException {
    return GoTemplate.parse("t", text, TemplateFunctions.over(env)).execute(env);
  }

  @Test
  void getEnvFallsBackWhenUnsetOrEmpty() throws Exception {
    Map<String, String> env = Map.of("SET", "DEBUG", "EMPTY", "");

    assertEquals(
        "DEBUG INFO INFO",
        render(
            env,
            "{{getEnv \"SET\" \"INFO\"}} {{getEnv \"EMPTY\" \"INFO\"}} {{getEnv \"NO\" \"INFO\"}}"));
  }

  @Test
  void splitToMapDefaultsLetsTheValueOverrideAndDropsItemsWithoutEquals() throws Exception {
    assertEquals(
        "map[a:1 b:20 c:3=x]",
        render(Map.of(), "{{splitToMapDefaults \",\" \"a=1,b=2,junk\" \"b=20,c=3=x\"}}"));
  }

  @Test
  void envToPropsExcludesVariablesPropertiesAndPropertyPrefixes() throws Exception {
    Map<String, String> env =
        Map.of(
            "KAFKA_NODE_ID", "1",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "KAFKA_JMX_PORT", "9999",
            "KAFKA_REST_HOST", "x",
            "KAFKA_CONFLUENT___SUPPORT", "y");

    assertEquals(
        "map[confluent-support:y node.id:1]",
        render(
            env,
            "{{envToProps \"KAFKA_\" \"\" (stringSlice \"KAFKA_HEAP_OPTS\") (stringSlice \"rest.\")"
                + " (stringSlice \"jmx.port\")}}"));
  }

  @Test
  void setPropertiesTakesTheFirstSetVariableUntilAnExcludedOne() throws Exception {
    Map<String, String> env = Map.of("B", "b", "C", "c", "EMPTY", "");
    String template =
        "{{$m := createStringSliceMap}}"
            + "{{$m = setStringSliceMapValue $m \"first\" (stringSlice \"A\" \"B\" \"C\")}}"
            + "{{$m = setStringSliceMapValue $m \"excluded\" (stringSlice \"X\" \"C\")}}"
            + "{{$m = setStringSliceMapValue $m \"empty\" (stringSlice \"EMPTY\" \"C\")}}"
            + "{{$m = setStringSliceMapValue $m \"none\" (stringSlice \"Z\")}}";

    assertEquals(
        "map[first:b]", render(env, template + "{{setProperties $m false (stringSlice \"X\")}}"));
    assertEquals(
        "map[empty: excluded: first:b none:]",
        render(env, template + "{{setProperties $m true (stringSlice \"X\")}}"));
  }

  @Test
  void twoPrefixesLetThePrimaryWin() throws Exception {
    Map<String, String> env =
        Map.of("CONNECT_A", "secondary", "KAFKA_CONNECT_A", "primary", "CONNECT_B", "b");

    assertEquals(
        "map[x.a:primary x.b:b]",
        render(
            env,
            "{{setPropertiesWithEnvToPropsWithTwoPrefixes \"KAFKA_CONNECT_\" \"CONNECT_\" \"x.\""
                + " (stringSlice) (stringSlice)}}"));
  }

  @Test
  void appendAddsToACopy() throws Exception {
    assertEquals(
        "[a] [a b c]",
        render(Map.of(), "{{$s := stringSlice \"a\"}}{{$s}} {{append $s \"b\" \"c\"}}"));
  }

  @Test
  void parseLog4jLoggersMergesTrimmedLevelsAndIgnoresPiecesWithoutEquals() throws Exception {
    Map<String, String> env =
        Map.of("LOGGERS", " kafka = DEBUG ,kafka.authorizer.logger=INFO, authorizerAppender,x=a=b");
    String template =
        "{{$d := splitToMapDefaults \",\" \"kafka=INFO,state.change.logger=TRACE\" \"\"}}"
            + "{{range $k, $v := parseLog4jLoggers (getEnv \"LOGGERS\" \"\") $d}}{{$k}}={{$v}};{{end}}";

    assertEquals(
        "kafka=DEBUG;kafka.authorizer.logger=INFO;state.change.logger=TRACE;x=a=b;",
        render(env, template));
    assertEquals("kafka=INFO;state.change.logger=TRACE;", render(Map.of(), template));
  }

  @Test
  void aWrongArgumentTypeIsAnExecutionError() {
    GoTemplateException error =
        assertThrows(GoTemplateException.class, () -> render(Map.of(), "{{getEnv \"A\" 1}}"));

    assertTrue(
        error.getMessage().contains("error calling getEnv: argument 2 of getEnv must be string"),
        error.getMessage());
  }
}
