package io.cpimage.belt.settings;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code KAFKA_*} and {@code CONNECT_*} variables that the images' scripts and launchers read
 * themselves, which are not Kafka settings: the templates exclude them from {@code env_to_props},
 * and the build check skips them for the same reason.
 */
public final class HelperVariables {

  private static final Set<String> NAMES =
      Set.of(
          "KAFKA_HEAP_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_DATA_DIRS",
          "KAFKA_SSL_KEYSTORE_FILENAME",
          "KAFKA_SSL_KEY_CREDENTIALS",
          "KAFKA_SSL_KEYSTORE_CREDENTIALS",
          "KAFKA_SSL_TRUSTSTORE_FILENAME",
          "KAFKA_SSL_TRUSTSTORE_CREDENTIALS",
          "KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET",
          "CONNECT_REST_PORT");

  /** Name parts that only the scripts' own variables have (readiness, logging, JMX). */
  private static final String[] PARTS = {"_CUB_", "_LOG4J_", "_JMX_"};

  /**
   * What Kubernetes puts into every container for a Service named {@code kafka} or {@code connect}
   * (its service links): addresses, never settings.
   */
  private static final Pattern SERVICE_LINK =
      Pattern.compile("(KAFKA|CONNECT)_(SERVICE_(HOST|PORT)\\w*|PORT_\\d+_(TCP|UDP|SCTP)\\w*)");

  private HelperVariables() {}

  /** Whether {@code variable} is read by the images' scripts rather than rendered as a setting. */
  public static boolean isHelper(String variable) {
    if (NAMES.contains(variable)) {
      return true;
    }
    for (String part : PARTS) {
      if (variable.contains(part)) {
        return true;
      }
    }
    return SERVICE_LINK.matcher(variable).matches();
  }
}
