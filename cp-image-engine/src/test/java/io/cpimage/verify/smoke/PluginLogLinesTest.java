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

  @Test
  void isEmptyWhenTheLogNamesNoneOfTheClasses() {
    assertEquals(
        "",
        PluginLogLines.about(
            LOG, List.of("org.apache.kafka.connect.file.FileStreamSinkConnector")));
  }
}
