package io.cpimage.baseimages.sequence;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A source connector the tests bring into a Connect worker (packed by {@link
 * SequenceConnectorJar}): the Kafka 4 images ship no connector, and a worker must run one to prove
 * its plugin path, its converters and its transforms work. It writes {@code record-1} to {@code
 * record-<count>} to {@code topic}, once.
 */
public final class SequenceSourceConnector extends SourceConnector {
  static final String TOPIC = "topic";
  static final String COUNT = "count";
  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "where to write")
          .define(COUNT, ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "how many records");
  private Map<String, String> settings;

  @Override
  public void start(Map<String, String> props) {
    settings = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return SequenceSourceTask.class;
  }

  /** One task: the sequence is one stream. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(settings);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "1.0";
  }
}
