package io.cpimage.belt.ready;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Kafka Connect's {@code GET /connector-plugins} answer (a JSON array of {@code {"class":
 * ..., "type": ..., "version": ...}}) and names the expected plugin classes it does not list.
 */
public final class ConnectPluginListing {

  private ConnectPluginListing() {}

  static BodyExpectation listing(Collection<String> expectedClasses) {
    List<String> expected = List.copyOf(expectedClasses);
    return body -> problemWith(body, expected);
  }

  /**
   * Null when {@code body} lists every one of {@code expectedClasses}; otherwise why not. Public
   * for callers that fetch the list themselves (the plugin's smoke test asks from inside the
   * worker's container).
   */
  public static String problemWith(String body, Collection<String> expectedClasses) {
    Set<String> listed;
    try {
      listed = listedClasses(body);
    } catch (JsonProcessingException e) {
      return "the answer is not Kafka Connect's plugin list (" + e.getOriginalMessage() + ")";
    }
    if (listed == null) {
      return "the answer is not Kafka Connect's plugin list (a JSON array was expected)";
    }
    List<String> missing = new ArrayList<>(expectedClasses);
    missing.removeAll(listed);
    if (missing.isEmpty()) {
      return null;
    }
    return "the worker does not list the plugin classes "
        + missing
        + "; it lists "
        + listed
        + ". Check the worker log for errors loading them (a missing dependency jar is the usual"
        + " cause) and that the plugin directory is on CONNECT_PLUGIN_PATH.";
  }

  /** The classes listed, or null when the body is JSON but not an array. */
  private static Set<String> listedClasses(String body) throws JsonProcessingException {
    JsonNode plugins = new ObjectMapper().readTree(body);
    if (plugins == null || !plugins.isArray()) {
      return null;
    }
    Set<String> classes = new TreeSet<>();
    for (JsonNode plugin : plugins) {
      classes.add(plugin.path("class").asText());
    }
    return classes;
  }
}
