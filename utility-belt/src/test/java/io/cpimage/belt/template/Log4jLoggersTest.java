package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Log4jLoggersTest {

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> loggers = new LinkedHashMap<>();
    loggers.put("kafka", "INFO");
    loggers.put("kafka.controller", "TRACE");
    return loggers;
  }

  @Test
  void overridesKeepTheDefaultsPositionAndNewLoggersComeLast() {
    Map<String, String> merged = Log4jLoggers.parse("new.logger=DEBUG,kafka=WARN", DEFAULTS);
    assertEquals(List.of("kafka", "kafka.controller", "new.logger"), List.copyOf(merged.keySet()));
    assertEquals(
        Map.of("kafka", "WARN", "kafka.controller", "TRACE", "new.logger", "DEBUG"), merged);
  }

  @Test
  void trimsNamesAndLevels() {
    assertEquals(
        Map.of("kafka", "DEBUG", "kafka.controller", "TRACE"),
        Log4jLoggers.parse(" kafka = DEBUG ", DEFAULTS));
  }

  @Test
  void splitsAtTheFirstEquals() {
    assertEquals(Map.of("a", "b=c"), Log4jLoggers.parse("a=b=c", Map.of()));
  }

  @Test
  void aPieceWithoutEqualsContinuesThePreviousLevelAsAnAppender() {
    assertEquals(
        Map.of("kafka.authorizer.logger", "INFO, authorizerAppender", "b", "WARN"),
        Log4jLoggers.parse("kafka.authorizer.logger=INFO, authorizerAppender,b=WARN", Map.of()));
  }

  @Test
  void ignoresEmptyPiecesLeadingPiecesWithoutEqualsAndEmptyNames() {
    assertEquals(Map.of("a", "1"), Log4jLoggers.parse("noequals,,a=1,,=orphan, ,", Map.of()));
  }

  @Test
  void keepsAnEmptyLevel() {
    assertEquals(Map.of("x", ""), Log4jLoggers.parse("x=", Map.of()));
  }

  @Test
  void lastDuplicateWins() {
    assertEquals(Map.of("a", "3"), Log4jLoggers.parse("a=1,a=2,a=3", Map.of()));
  }

  @Test
  void emptyOrMissingOverridesGiveTheDefaults() {
    assertEquals(DEFAULTS, Log4jLoggers.parse("", DEFAULTS));
    assertEquals(DEFAULTS, Log4jLoggers.parse(null, DEFAULTS));
  }

  @Test
  void neverChangesTheDefaultsAndCallsDoNotShareState() {
    Map<String, String> defaults = new LinkedHashMap<>(DEFAULTS);
    Log4jLoggers.parse("kafka=WARN,extra=DEBUG", defaults);
    assertEquals(DEFAULTS, defaults);
    // Python's mutable default dict made the second call return {a: 1, b: 2}.
    assertEquals(Map.of("a", "1"), Log4jLoggers.parse("a=1", Map.of()));
    assertEquals(Map.of("b", "2"), Log4jLoggers.parse("b=2", Map.of()));
  }
}
