package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.Network;

/**
 * KIP-898 in cp-kafka-connect: the worker's {@code plugin.discovery} is {@code service_load} while
 * every plugin location is one the image build recorded in {@code CP_IMAGE_CONNECT_MANIFESTS}, and
 * {@code hybrid_warn} once something the build did not see joins the plugin or class path; the
 * user's {@code CONNECT_PLUGIN_DISCOVERY} wins. And the record is true: Kafka's own check finds no
 * plugin of the image without a manifest, and a worker that only reads manifests lists every plugin
 * one that also scans every class does.
 */
@ExtendWith(DockerRequired.class)
class PluginDiscoveryIT {
  private static final Map<String, String> WORKER_ENV =
      Map.of(
          "CONNECT_BOOTSTRAP_SERVERS", "kafka:9092",
          "CONNECT_GROUP_ID", "discovery",
          "CONNECT_CONFIG_STORAGE_TOPIC", "discovery.config",
          "CONNECT_OFFSET_STORAGE_TOPIC", "discovery.offsets",
          "CONNECT_STATUS_STORAGE_TOPIC", "discovery.status",
          "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
          "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
          "CONNECT_REST_ADVERTISED_HOST_NAME", "connect");

  @ParameterizedTest
  @EnumSource(Line.class)
  void serviceLoadUntilSomethingUnrecordedJoinsThePluginOrClassPath(Line line) {
    String properties = "/etc/kafka-connect/kafka-connect.properties";
    String script =
        "show() { /etc/confluent/docker/configure > /dev/null && echo \"$1 $(grep"
            + " '^plugin.discovery=' "
            + properties
            + ")\"; }\n"
            + "show image\n"
            + "(export CONNECT_PLUGIN_DISCOVERY=only_scan; show user)\n"
            + "mkdir /usr/share/confluent-hub-components/by-hand\n"
            + "touch /usr/share/confluent-hub-components/by-hand/connector.jar\n"
            + "show by-hand\n"
            + "rm -r /usr/share/confluent-hub-components/by-hand\n"
            + "show removed\n"
            + "touch /etc/kafka-connect/jars/connector.jar\n"
            + "show class-path\n";
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT, line).env(WORKER_ENV).bash(script).run();

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(
        List.of(
            "image plugin.discovery=service_load",
            "user plugin.discovery=only_scan",
            "by-hand plugin.discovery=hybrid_warn",
            "removed plugin.discovery=service_load",
            "class-path plugin.discovery=hybrid_warn"),
        result.output().lines().filter(l -> l.contains(" plugin.discovery=")).toList(),
        result.output());
  }

  /**
   * The worker with the image's default (service_load, from its manifests alone) starts without the
   * scan and lists the same plugins as one with Kafka's default, {@code hybrid_warn}, which scans
   * every class too and says whether any plugin lacks a manifest. ({@code only_scan} lists fewer on
   * Kafka 4.4: not the number converters of connect-runtime, which the manifests name.)
   */
  @ParameterizedTest
  @EnumSource(Line.class)
  void theWorkerFindsEveryPluginOfTheImageWithoutScanning(Line line)
      throws IOException, InterruptedException {
    try (Network network = Network.newNetwork();
        CpContainer kafka = KafkaKRaftIT.combinedNode(line, network, "kafka")) {
      kafka.start();
      Worker manifests = startWorker(line, network, null);
      Worker scanned = startWorker(line, network, "hybrid_warn");

      assertTrue(manifests.log().contains("plugin.discovery = service_load"), manifests.log());
      assertTrue(
          manifests.log().contains("Scanning plugins with ServiceLoaderScanner"), manifests.log());
      assertTrue(
          !manifests.log().contains("Scanning plugins with ReflectionScanner"), manifests.log());
      assertTrue(
          scanned
              .log()
              .contains(
                  "All plugins have ServiceLoader manifests, consider reconfiguring"
                      + " plugin.discovery=service_load"),
          scanned.log());
      assertTrue(
          manifests.plugins().contains("converter org.apache.kafka.connect.json.JsonConverter"),
          manifests.plugins().toString());
      assertEquals(scanned.plugins(), manifests.plugins());
    }
  }

  private record Worker(TreeSet<String> plugins, String log) {}

  /** Starts a worker, reads its plugin list and log, and stops it. */
  private static Worker startWorker(Line line, Network network, String discovery)
      throws IOException, InterruptedException {
    try (CpContainer worker =
        CpContainer.of(Images.KAFKA_CONNECT, line)
            .on(network, "connect")
            .withEnv(WORKER_ENV)
            .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
            .withExposedPorts(8083)
            .waitingForLog(".*Kafka Connect started.*", Duration.ofSeconds(300))) {
      if (discovery != null) {
        worker.withEnv("CONNECT_PLUGIN_DISCOVERY", discovery);
      }
      worker.start();
      URI uri =
          URI.create(
              "http://"
                  + worker.getHost()
                  + ":"
                  + worker.getMappedPort(8083)
                  + "/connector-plugins?connectorsOnly=false");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      TreeSet<String> plugins = new TreeSet<>();
      Matcher plugin =
          Pattern.compile("\"class\":\"([^\"]+)\",\"type\":\"([^\"]+)\"").matcher(response.body());
      while (plugin.find()) {
        plugins.add(plugin.group(2) + " " + plugin.group(1));
      }
      assertTrue(!plugins.isEmpty(), response.body());
      return new Worker(plugins, worker.getLogs());
    }
  }
}
