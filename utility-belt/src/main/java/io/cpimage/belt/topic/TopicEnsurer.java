package io.cpimage.belt.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure topics exist with the wanted partitions, replication factor and settings, as
 * Confluent's {@code cub ensure-topic} does. Every topic is checked (Confluent stopped at the first
 * invalid one, and its exit code reflected only the last topic); the result lists every problem.
 */
public final class TopicEnsurer {

  private final Map<String, String> clientProperties;
  private final boolean createMissing;
  private final Duration timeout;

  private TopicEnsurer(
      Map<String, String> clientProperties, boolean createMissing, Duration timeout) {
    this.clientProperties = clientProperties;
    this.createMissing = createMissing;
    this.timeout = timeout;
  }

  /** An ensurer talking to the cluster described by Kafka admin client properties. */
  public static TopicEnsurer forCluster(Map<String, String> clientProperties) {
    return new TopicEnsurer(Map.copyOf(clientProperties), false, Duration.ofSeconds(60));
  }

  /** Creates missing topics from their spec instead of reporting them. */
  public TopicEnsurer creatingMissingTopics() {
    return new TopicEnsurer(clientProperties, true, timeout);
  }

  /** The time limit of each request to the cluster. */
  public TopicEnsurer withTimeout(Duration timeout) {
    return new TopicEnsurer(clientProperties, createMissing, Objects.requireNonNull(timeout));
  }

  /**
   * Checks (and creates, if asked) every topic; returns one message per problem, none if all fit.
   */
  public List<String> ensure(List<TopicSpec> specs) throws InterruptedException {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> config = new HashMap<>(clientProperties);
    List<String> problems = new ArrayList<>();
    try (Admin admin = Admin.create(config)) {
      for (TopicSpec spec : specs) {
        problems.addAll(ensure(admin, spec, timeoutMs));
      }
    }
    return problems;
  }

  private List<String> ensure(Admin admin, TopicSpec spec, int timeoutMs)
      throws InterruptedException {
    TopicDescription description;
    try {
      description =
          admin
              .describeTopics(
                  List.of(spec.name()), new DescribeTopicsOptions().timeoutMs(timeoutMs))
              .topicNameValues()
              .get(spec.name())
              .get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return createMissing
            ? create(admin, spec, timeoutMs)
            : List.of(
                "Topic [ "
                    + spec.name()
                    + " ] does not exist. Create it, or pass --create_if_not_exists.");
      }
      return List.of("Cannot describe topic [ " + spec.name() + " ]: " + e.getCause().getMessage());
    }
    List<String> problems = new ArrayList<>();
    int partitions = description.partitions().size();
    if (partitions != spec.partitions()) {
      problems.add(invalid(spec, spec.partitions() + " partitions", String.valueOf(partitions)));
    }
    int replicas = description.partitions().get(0).replicas().size();
    if (replicas != spec.replicationFactor()) {
      problems.add(
          invalid(
              spec, "replication factor " + spec.replicationFactor(), String.valueOf(replicas)));
    }
    if (!spec.config().isEmpty()) {
      problems.addAll(checkConfig(admin, spec, timeoutMs));
    }
    return problems;
  }

  private List<String> checkConfig(Admin admin, TopicSpec spec, int timeoutMs)
      throws InterruptedException {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
    Config actual;
    try {
      actual =
          admin
              .describeConfigs(List.of(topic), new DescribeConfigsOptions().timeoutMs(timeoutMs))
              .all()
              .get()
              .get(topic);
    } catch (ExecutionException e) {
      return List.of(
          "Cannot read the settings of topic [ "
              + spec.name()
              + " ]: "
              + e.getCause().getMessage());
    }
    List<String> problems = new ArrayList<>();
    spec.config()
        .forEach(
            (key, expected) -> {
              ConfigEntry entry = actual.get(key);
              String value = entry == null ? null : entry.value();
              if (!expected.equals(value)) {
                problems.add(invalid(spec, key + "=" + expected, key + "=" + value));
              }
            });
    return problems;
  }

  private static List<String> create(Admin admin, TopicSpec spec, int timeoutMs)
      throws InterruptedException {
    NewTopic topic =
        new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
            .configs(spec.config());
    try {
      admin
          .createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(timeoutMs))
          .all()
          .get();
      return List.of();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return List.of(); // created meanwhile by someone else, e.g. the service itself
      }
      return List.of("Cannot create topic [ " + spec.name() + " ]: " + e.getCause().getMessage());
    }
  }

  private static String invalid(TopicSpec spec, String expected, String actual) {
    return "Invalid topic [ "
        + spec.name()
        + " ] ! Expected "
        + expected
        + " but got "
        + actual
        + ".";
  }
}
