package io.cpimage.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code cp-image:verify-ready} awaits. Every service is optional (null when not asked for);
 * the strings are as the user gave them, so that messages can quote them.
 *
 * @param zooKeeper a ZooKeeper connect string, {@code host:2181[,...]}
 * @param bootstrapServers Kafka bootstrap servers, {@code host:9092[,...]}
 * @param expectedBrokers how many brokers the Kafka cluster must report
 * @param clientConfig a Kafka client properties file (security settings), or null
 * @param schemaRegistry Schema Registry's URL, e.g. {@code http://schema-registry:8081}
 * @param restProxy REST Proxy's URL
 * @param connect Kafka Connect's URL
 * @param connectPluginClasses plugin classes the Connect worker must list (the image's connectors)
 * @param timeout how long each service may take
 */
public record VerifyTargets(
    String zooKeeper,
    String bootstrapServers,
    int expectedBrokers,
    Path clientConfig,
    String schemaRegistry,
    String restProxy,
    String connect,
    List<String> connectPluginClasses,
    Duration timeout) {

  public VerifyTargets {
    connectPluginClasses = List.copyOf(connectPluginClasses);
  }

  /** Whether any service is asked for. */
  public boolean anyService() {
    return java.util.stream.Stream.of(
            zooKeeper, bootstrapServers, schemaRegistry, restProxy, connect)
        .anyMatch(value -> value != null && !value.isBlank());
  }
}
