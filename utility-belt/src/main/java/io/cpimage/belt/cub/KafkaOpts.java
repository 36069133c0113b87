package io.cpimage.belt.cub;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.login.Configuration;

/**
 * The {@code -Dname=value} options in {@code KAFKA_OPTS}. Confluent's cub started its Java checks
 * as {@code java $KAFKA_OPTS ...}, which is how a JAAS file ({@code
 * -Djava.security.auth.login.config=...}) reached the ZooKeeper and Kafka clients. cub runs the
 * checks in its own JVM, so it sets these system properties itself; other JVM options in {@code
 * KAFKA_OPTS} (heap, agents) do not apply to a check and are ignored.
 */
final class KafkaOpts {

  static final String JAAS_FILE_PROPERTY = "java.security.auth.login.config";

  private KafkaOpts() {}

  /** The system properties named in {@code KAFKA_OPTS}, in order; quotes around values removed. */
  static Map<String, String> systemProperties(Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>();
    String opts = env.getOrDefault("KAFKA_OPTS", "").trim();
    if (opts.isEmpty()) {
      return properties;
    }
    for (String word : opts.split("\\s+")) {
      if (word.startsWith("-D") && word.length() > 2) {
        int equals = word.indexOf('=');
        String name = equals < 0 ? word.substring(2) : word.substring(2, equals);
        String value = equals < 0 ? "" : unquote(word.substring(equals + 1));
        properties.put(name, value);
      }
    }
    return properties;
  }

  /**
   * Sets the {@code KAFKA_OPTS} system properties in this JVM, as {@code java $KAFKA_OPTS} would.
   */
  static void applyToThisJvm(Map<String, String> env) {
    Map<String, String> properties = systemProperties(env);
    properties.forEach(System::setProperty);
    if (properties.containsKey(JAAS_FILE_PROPERTY)) {
      // The JDK reads the JAAS file once per JVM; forget it so the file just named is read.
      Configuration.setConfiguration(null);
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
