package io.cpimage.belt.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The template global {@code parse_log4j_loggers(overrides, defaults={})}: merges a {@code
 * logger=LEVEL,other=LEVEL} override string (e.g. {@code KAFKA_LOG4J_LOGGERS}) into the template's
 * default loggers.
 *
 * <p>Differences from Confluent's Python version, all deliberate: keys and values are trimmed; a
 * piece is split at its first {@code =}; a piece without {@code =} continues the previous value (so
 * {@code kafka.authorizer.logger=INFO, authorizerAppender} keeps its appender instead of dropping
 * it); pieces with an empty logger name are ignored; the result is a new map, the defaults are
 * never changed (Python mutates its shared default dict).
 */
public final class Log4jLoggers {

  private Log4jLoggers() {}

  /** Returns the defaults (in their order) merged with the overrides; later overrides win. */
  public static Map<String, String> parse(String overrides, Map<String, ?> defaults) {
    return merge(overrides, defaults, true);
  }

  /**
   * As {@link #parse}, for log4j2 templates (ub's {@code parseLog4jLoggers}): a logger takes a
   * level only, so a piece without {@code =} is ignored instead of continuing the previous value.
   */
  public static Map<String, String> parseLevels(String overrides, Map<String, ?> defaults) {
    return merge(overrides, defaults, false);
  }

  private static Map<String, String> merge(
      String overrides, Map<String, ?> defaults, boolean appendersFollowLevels) {
    Map<String, String> loggers = new LinkedHashMap<>();
    defaults.forEach((name, level) -> loggers.put(name, String.valueOf(level)));
    if (overrides == null) {
      return loggers;
    }
    String previousLogger = null;
    for (String piece : overrides.split(",", -1)) {
      int equals = piece.indexOf('=');
      if (equals < 0) {
        if (appendersFollowLevels && previousLogger != null && !piece.isBlank()) {
          loggers.put(previousLogger, loggers.get(previousLogger) + ", " + piece.trim());
        }
        continue;
      }
      String logger = piece.substring(0, equals).trim();
      if (logger.isEmpty()) {
        previousLogger = null;
        continue;
      }
      loggers.put(logger, piece.substring(equals + 1).trim());
      previousLogger = logger;
    }
    return loggers;
  }
}
