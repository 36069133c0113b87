package io.cpimage.verify.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginLogLinesTest {
  private static final String ERROR =
      "[2026-11-24 01:06:43,883] ERROR Failed to discover SourceConnector in"
          + " /usr/share/confluent-hub-components/broken: Unable to instantiate"
          + " BrokenSourceConnector: Failed to invoke plugin constructor"
          + " (org.apache.kafka.connect.runtime.isolation.ReflectionScanner)";

  /** A worker's log as Kafka Connect 3.9 writes it when a connector's dependency is missing. */
  private static final String LOG =
      String.join(
          "\n",
          "[2026-11-24 01:06:43,880] INFO Loading plugin from:"
              + " /usr/share/confluent-hub-components/broken"
              + " (org.apache.kafka.connect.runtime.isolation.PluginScanner)",
          ERROR,
          "java.lang.reflect.InvocationTargetException",
          "\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native"
              + " Method)",
          "Caused by: java.lang.NoClassDefFoundError: it/smoke/dependency/Helper",
          "\tat it.smoke.connector.BrokenSourceConnector.<init>(BrokenSourceConnector.java:10)",
          "\t... 12 more",
          "Caused by: java.lang.ClassNotFoundException: it.smoke.dependency.Helper",
          "[2026-11-24 01:06:43,888] INFO Registered loader: PluginClassLoader",
          "[2026-11-24 01:07:01,000] WARN Something unrelated (org.apache.kafka.Other)");

  @Test
  void keepsTheErrorAndItsCauses() {
    String lines = PluginLogLines.about(LOG, List.of("it.smoke.connector.BrokenSourceConnector"));

    assertEquals(
        "\nThe worker's log about these classes:\n"
            + ERROR
            + "\nCaused by: java.lang.NoClassDefFoundError: it/smoke/dependency/Helper"
            + "\nCaused by: java.lang.ClassNotFoundException: it.smoke.dependency.Helper",
        lines);
  }

  /**
   * The same failure as Kafka Connect 4.4 logs it with {@code plugin.discovery=service_load}: the
   * record's first line names the directory, its trace the class.
   */
  @Test
  void findsTheClassInTheTraceOfAServiceLoadingWorker() {
    String error =
        "[2026-12-06 09:14:29,876] ERROR Failed to discover SourceConnector in"
            + " /usr/share/confluent-hub-components/broken: Plugin class has a dependency which is"
            + " missing or invalid (org.apache.kafka.connect.runtime.isolation.PluginScanner)";
    String provider =
        "java.util.ServiceConfigurationError: org.apache.kafka.connect.source.SourceConnector:"
            + " Provider it.smoke.connector.BrokenSourceConnector could not be instantiated";
    String log =
        String.join(
            "\n",
            error,
            provider,
            "\tat java.base/java.util.ServiceLoader.fail(ServiceLoader.java:586)",
            "Caused by: java.lang.NoClassDefFoundError: it/smoke/dependency/Helper",
            "\tat it.smoke.connector.BrokenSourceConnector.<init>(BrokenSourceConnector.java:10)",
            "[2026-12-06 09:14:29,887] INFO Registered loader: PluginClassLoader");

    assertEquals(
        "\nThe worker's log about these classes:\n"
            + error
            + "\n"
            + provider
            + "\nCaused by: java.lang.NoClassDefFoundError: it/smoke/dependency/Helper",
        PluginLogLines.about(log, List.of("it.smoke.connector.BrokenSourceConnector")));
  }

  @Test
  void isEmptyWhenTheLogNamesNoneOfTheClasses() {
    assertEquals(
        "",
        PluginLogLines.about(
            LOG, List.of("org.apache.kafka.connect.file.FileStreamSinkConnector")));
  }
}
