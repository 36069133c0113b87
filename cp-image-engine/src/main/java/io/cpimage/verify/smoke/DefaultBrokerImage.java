package io.cpimage.verify.smoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Smoke mode's broker when the pom names none: cp-image's {@code cp-kafka} of the default line
 * (Kafka 4), of the same release as this plugin, {@code cp-image/cp-kafka:<Kafka version>-<plugin
 * version>}. Its broker serves the clients of either line's Connect images.
 */
public final class DefaultBrokerImage {
  private static final String RESOURCE = "default-broker.properties";

  private DefaultBrokerImage() {}

  public static String forPlugin(String pluginVersion) {
    return "cp-image/cp-kafka:" + kafkaVersion() + "-" + pluginVersion;
  }

  static String kafkaVersion() {
    try (InputStream in = DefaultBrokerImage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the plugin jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("kafka.version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the plugin jar", e);
    }
  }
}
