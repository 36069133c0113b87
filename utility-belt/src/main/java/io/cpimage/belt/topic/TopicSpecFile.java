package io.cpimage.belt.topic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the topic list of Confluent's {@code ensure-topic} from YAML:
 *
 * <pre>
 * topics:
 *   - name: _schemas
 *     partitions: 1
 *     replicationFactor: 3
 *     config:
 *       cleanup.policy: compact
 * </pre>
 */
public final class TopicSpecFile {

  private static final Set<String> KEYS =
      Set.of("name", "partitions", "replicationFactor", "config");

  private TopicSpecFile() {}

  /** Parses the file; a problem is reported with the file, the topic and the fix. */
  public static List<TopicSpec> read(Path file) throws InvalidTopicSpecException {
    JsonNode root;
    try {
      root =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(file.toFile());
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ")";
      throw new InvalidTopicSpecException(
          file + where + " is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidTopicSpecException("Cannot read topic file " + file + ": " + e.getMessage());
    }
    JsonNode topics = root == null ? null : root.get("topics");
    if (topics == null || !topics.isArray()) {
      throw new InvalidTopicSpecException(
          file + " must have a list named 'topics' (topics: - name: ... partitions: ...).");
    }
    List<TopicSpec> specs = new ArrayList<>();
    int index = 0;
    for (JsonNode topic : topics) {
      specs.add(topic(file, ++index, topic));
    }
    return specs;
  }

  private static TopicSpec topic(Path file, int index, JsonNode node)
      throws InvalidTopicSpecException {
    String where = file + ", topic #" + index;
    if (!node.isObject()) {
      throw new InvalidTopicSpecException(
          where + " must be a map with name, partitions, replicationFactor.");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new InvalidTopicSpecException(
            where + " has an unknown key '" + key + "'; allowed keys are " + KEYS + ".");
      }
    }
    String name = node.path("name").asText("");
    if (name.isBlank()) {
      throw new InvalidTopicSpecException(where + " needs a non-empty 'name'.");
    }
    where = file + ", topic [" + name + "]";
    int partitions = positive(where, node, "partitions");
    int replicationFactor = positive(where, node, "replicationFactor");
    if (replicationFactor > Short.MAX_VALUE) {
      throw new InvalidTopicSpecException(where + ": replicationFactor is too large.");
    }
    Map<String, String> config = new LinkedHashMap<>();
    JsonNode configNode = node.path("config");
    if (!configNode.isMissingNode() && !configNode.isNull()) {
      if (!configNode.isObject()) {
        throw new InvalidTopicSpecException(where + ": 'config' must be a map of topic settings.");
      }
      configNode.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    }
    return new TopicSpec(name, partitions, (short) replicationFactor, config);
  }

  private static int positive(String where, JsonNode node, String key)
      throws InvalidTopicSpecException {
    JsonNode value = node.get(key);
    if (value == null
        || !value.canConvertToInt()
        || !value.isIntegralNumber()
        || value.asInt() < 1) {
      throw new InvalidTopicSpecException(
          where + " needs '" + key + "' as a whole number of at least 1, got " + value + ".");
    }
    return value.asInt();
  }
}
