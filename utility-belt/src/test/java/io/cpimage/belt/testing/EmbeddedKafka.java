package io.cpimage.belt.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import scala.Option;

/**
 * Real Kafka 3.9.1 brokers in ZooKeeper mode, running in this JVM on 127.0.0.1. Every listener
 * binds port 0, so the operating system picks free ports; the brokers register the bound ports.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final List<KafkaServer> brokers;
  private final Path directory;

  private EmbeddedKafka(List<KafkaServer> brokers, Path directory) {
    this.brokers = brokers;
    this.directory = directory;
  }

  /**
   * Starts {@code count} brokers (ids 0..count-1) with a PLAINTEXT listener plus the extra settings
   * (more listeners, SSL and SASL settings).
   */
  public static EmbeddedKafka start(String zooKeeperConnect, int count, Map<String, String> extra)
      throws IOException {
    Path directory = Files.createTempDirectory("cub-kafka");
    List<KafkaServer> brokers = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("broker.id", String.valueOf(id));
      settings.put("zookeeper.connect", zooKeeperConnect);
      settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
      settings.put("log.dirs", directory.resolve("broker-" + id).toString());
      // Small and quick: one-replica internal topics, few threads, no controlled shutdown.
      settings.put("offsets.topic.replication.factor", "1");
      settings.put("offsets.topic.num.partitions", "1");
      settings.put("transaction.state.log.replication.factor", "1");
      settings.put("transaction.state.log.min.isr", "1");
      settings.put("group.initial.rebalance.delay.ms", "0");
      settings.put("auto.create.topics.enable", "false");
      settings.put("num.network.threads", "1");
      settings.put("num.io.threads", "2");
      settings.put("background.threads", "2");
      settings.put("num.recovery.threads.per.data.dir", "1");
      settings.put("log.cleaner.enable", "false");
      settings.put("log.index.size.max.bytes", "1048576");
      settings.put("controlled.shutdown.enable", "false");
      settings.putAll(extra);
      brokers.add(new KafkaServer(new KafkaConfig(settings), Time.SYSTEM, Option.empty(), false));
    }
    EmbeddedKafka cluster = new EmbeddedKafka(brokers, directory);
    try {
      CompletableFuture.allOf(
              brokers.stream()
                  .map(broker -> CompletableFuture.runAsync(broker::startup))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The {@code host:port} list of every broker's listener with this name. */
  public String bootstrapServers(String listener) {
    ListenerName name = ListenerName.normalised(listener);
    return brokers.stream()
        .map(broker -> "127.0.0.1:" + broker.boundPort(name))
        .collect(Collectors.joining(","));
  }

  @Override
  public void close() throws IOException {
    brokers.forEach(KafkaServer::shutdown);
    brokers.forEach(KafkaServer::awaitShutdown);
    Directories.delete(directory);
  }
}
