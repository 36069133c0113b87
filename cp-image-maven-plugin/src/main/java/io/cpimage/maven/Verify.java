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
}
