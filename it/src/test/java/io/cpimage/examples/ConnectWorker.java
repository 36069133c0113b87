package io.cpimage.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Kafka Connect worker of an example image, as the tests run it: its settings, its REST API. */
final class ConnectWorker {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String restUrl;

  private ConnectWorker(String restUrl) {
    this.restUrl = restUrl;
  }

  /** The worker whose REST API answers at {@code restUrl} ({@code http://host:port}). */
  static ConnectWorker at(String restUrl) {
    return new ConnectWorker(restUrl);
  }

  /**
   * The settings a single worker of group {@code groupId} needs on a one-broker cluster: its
   * internal topics named after the group, one replica each, and JSON converters.
   */
  static Map<String, String> env(String bootstrapServers, String groupId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CONNECT_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("CONNECT_GROUP_ID", groupId);
    env.put("CONNECT_CONFIG_STORAGE_TOPIC", groupId + ".config");
    env.put("CONNECT_OFFSET_STORAGE_TOPIC", groupId + ".offsets");
    env.put("CONNECT_STATUS_STORAGE_TOPIC", groupId + ".status");
    env.put("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1");
    env.put("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter");
    env.put("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter");
    return env;
  }

  /** {@code POST /connectors} with the connector's JSON (name and config). */
  HttpResponse<String> createConnector(String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(restUrl + "/connectors"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** {@code GET /connectors/<name>/status}. */
  HttpResponse<String> status(String connector) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(restUrl + "/connectors/" + connector + "/status")));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
