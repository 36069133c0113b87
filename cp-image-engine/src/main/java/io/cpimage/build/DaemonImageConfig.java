package io.cpimage.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image's config (the docker-save {@code config.json} form) rebuilt from what the daemon reports
 * without saving the image: {@code docker image inspect} gives the container config, platform,
 * creation time and diff IDs exactly; {@code docker history} gives the history, newest first, but
 * loses each entry's author, its time below the second, and whether it made a layer. That last is
 * restored by count: every entry with a size made one, and the daemon's zero-size layers (a layer
 * of directories only) go to zero-size entries until the entries account for every diff ID. jib
 * reads only the fields written here.
 */
final class DaemonImageConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The container config's fields jib carries over from a base. */
  private static final List<String> CONTAINER_FIELDS =
      List.of(
          "Env",
          "Entrypoint",
          "Cmd",
          "Healthcheck",
          "ExposedPorts",
          "Labels",
          "WorkingDir",
          "User",
          "Volumes");

  /** How both of Docker's builders record an instruction that sets config and makes no layer. */
  private static final Pattern CONFIG_ONLY =
      Pattern.compile(
          "^(/bin/sh -c #\\(nop\\) +)?(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|VOLUME|USER|WORKDIR|ARG"
              + "|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\\b");

  private DaemonImageConfig() {}

  /**
   * The config of the image {@code inspect} describes (one object of {@code docker image inspect}'s
   * array), with {@code history}: the lines of {@code docker history --no-trunc --human=false
   * --format '{{json .}}'}, newest first.
   */
  static byte[] of(JsonNode inspect, List<String> history) throws IOException {
    ObjectNode config = JSON.createObjectNode();
    config.put("created", inspect.path("Created").asText());
    config.put("architecture", inspect.path("Architecture").asText("amd64"));
    config.put("os", inspect.path("Os").asText("linux"));
    ObjectNode container = config.putObject("config");
    JsonNode inspected = inspect.path("Config");
    for (String field : CONTAINER_FIELDS) {
      JsonNode value = inspected.get(field);
      // inspect prints every field; an empty one is one the config leaves out (as jib and
      // BuildKit write configs).
      if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
        container.set(field, value);
      }
    }
    ArrayNode diffIds = JSON.createArrayNode();
    inspect.path("RootFS").path("Layers").forEach(diffIds::add);
    config.set("history", history(history, diffIds.size()));
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.set("diff_ids", diffIds);
    return JSON.writeValueAsBytes(config);
  }

  private static ArrayNode history(List<String> newestFirst, int layers) throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    for (String line : newestFirst) {
      if (!line.isBlank()) {
        entries.add(0, JSON.readTree(line));
      }
    }
    Set<JsonNode> madeLayers = madeLayers(entries, layers);
    ArrayNode history = JSON.createArrayNode();
    for (JsonNode entry : entries) {
      ObjectNode written = history.addObject();
      written.put("created", utc(entry.path("CreatedAt").asText()));
      putIfPresent(written, "created_by", entry.path("CreatedBy").asText());
      putIfPresent(written, "comment", entry.path("Comment").asText());
      if (!madeLayers.contains(entry)) {
        written.put("empty_layer", true);
      }
    }
    return history;
  }

  /**
   * The entries that made the image's {@code layers} layers: each one with a size, then zero-size
   * ones until the count is full, oldest first, those not written by an instruction that only sets
   * config (a Dockerfile's ENV, LABEL, CMD...) before those that are.
   */
  private static Set<JsonNode> madeLayers(List<JsonNode> entries, int layers) {
    Set<JsonNode> made = Collections.newSetFromMap(new IdentityHashMap<>());
    entries.stream().filter(entry -> size(entry) > 0).forEach(made::add);
    List<JsonNode> zeroSize = new ArrayList<>();
    entries.stream()
        .filter(entry -> size(entry) == 0 && !CONFIG_ONLY.matcher(createdBy(entry)).find())
        .forEach(zeroSize::add);
    entries.stream()
        .filter(entry -> size(entry) == 0 && CONFIG_ONLY.matcher(createdBy(entry)).find())
        .forEach(zeroSize::add);
    for (JsonNode entry : zeroSize) {
      if (made.size() >= layers) {
        break;
      }
      made.add(entry);
    }
    return made;
  }

  private static String createdBy(JsonNode entry) {
    return entry.path("CreatedBy").asText();
  }

  private static long size(JsonNode entry) {
    try {
      return Long.parseLong(entry.path("Size").asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The CLI prints times in its own zone; the config gets them in UTC, the same on every host. */
  private static String utc(String time) {
    try {
      return OffsetDateTime.parse(time).toInstant().toString();
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }
}
