package io.cpimage.belt.topic;

import java.util.Map;
import java.util.Objects;

/**
 * The wanted shape of one topic, as one entry of an {@code ensure-topic} YAML file.
 *
 * @param name the topic's name
 * @param partitions the number of partitions
 * @param replicationFactor replicas per partition
 * @param config topic configuration; only these keys are validated on an existing topic
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> config) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    config = Map.copyOf(config);
  }
}
