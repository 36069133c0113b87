package io.cpimage.maven;

import java.io.File;

/** The {@code <verify>} block: what {@code cp-image:verify-ready} awaits (all optional). */
public class Verify {
  /** ZooKeeper connect string, {@code host:2181[,...]}. */
  String zookeeper;

  /** Kafka bootstrap servers, {@code host:9092[,...]}. */
  String bootstrapServers;

  /** How many brokers the Kafka cluster must report. */
  int expectedBrokers = 1;

  /** Kafka client properties (security.protocol, ssl.*, sasl.*) for the broker check. */
  File clientConfig;

  /** Schema Registry URL, e.g. {@code http://schema-registry:8081}. */
  String schemaRegistry;

  /** REST Proxy URL. */
  String restProxy;

  /** Kafka Connect URL; the worker must also list every connector this pom declares. */
  String connect;

  /** Seconds each service may take. */
  int timeout = 40;

  /**
   * Smoke mode: start the image this project built, beside a single-node KRaft broker, and assert
   * it becomes ready, loads its connectors and runs as its declared user.
   */
  boolean smoke;

  /**
   * The broker image of smoke mode; when not set, cp-image's Kafka 4 line broker of the plugin's
   * release, {@code cp-image/cp-kafka:<Kafka version>-<plugin version>}.
   */
  String brokerImage;

  /** How many of the container's last log lines a failed smoke test prints. */
  int logLines = 50;
}
