package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.Line;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * examples/confluent8-scripts: configure, ensure and launch scripts and Go templates written for
 * Confluent's 8.x images (ub verbs, ub's template functions, log4j2 YAML) laid over our Kafka 4
 * cp-kafka and cp-kafka-connect. The broker boots in KRaft mode and serves a produce and a consume;
 * the Connect worker boots against it and serves its REST API.
 */
@ExtendWith(DockerRequired.class)
class Confluent8ScriptsIT {
  private static final String TOPIC = "written-by-ub-scripts";

  @Test
  void aBrokerAndAConnectWorkerBootWithConfluent8Scripts() throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            CpContainer.kraftNode(
                    Examples.image("confluent8-kafka", Line.KAFKA_4), network, "kafka")
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m")
                .withEnv("KAFKA_LOG4J_LOGGERS", "kafka.controller=WARN, kafka.cluster=DEBUG")) {
      kafka.start();
      String log = kafka.getLogs();
      assertTrue(log.contains("===> Launching kafka ... "), "not the example's launch:\n" + log);

      // The Go template rendered the broker's properties; the launch-only variables stay out.
      String properties = kafka.bash("cat /etc/kafka/kafka.properties").getStdout();
      assertTrue(properties.contains("\nnode.id=1"), properties);
      assertTrue(properties.contains("\nprocess.roles=broker,controller"), properties);
      assertFalse(properties.contains("heap.opts"), properties);
      String log4j = kafka.bash("cat /etc/kafka/log4j2.yaml").getStdout();
      assertTrue(log4j.contains("- name: \"kafka.controller\"\n        level: \"WARN\""), log4j);
      assertTrue(log4j.contains("- name: \"kafka.cluster\"\n        level: \"DEBUG\""), log4j);

      ExecResult created =
          kafka.run(
              "kafka-topics", "--bootstrap-server", "kafka:9092", "--create", "--topic", TOPIC);
      assertEquals(0, created.getExitCode(), created.getStdout() + created.getStderr());
      ExecResult produced =
          kafka.bash(
              "echo hello-from-ub | kafka-console-producer --bootstrap-server kafka:9092 --topic "
                  + TOPIC);
      assertEquals(0, produced.getExitCode(), produced.getStderr());
      ExecResult consumed =
          kafka.run(
              "kafka-console-consumer",
              "--bootstrap-server",
              "kafka:9092",
              "--topic",
              TOPIC,
              "--from-beginning",
              "--max-messages",
              "1",
              "--timeout-ms",
              "30000");
      assertEquals("hello-from-ub", consumed.getStdout().strip(), consumed.getStderr());

      try (CpContainer worker =
          CpContainer.of(Examples.image("confluent8-connect", Line.KAFKA_4))
              .on(network, "connect")
              .withEnv(ConnectWorker.env("kafka:9092", "confluent8-scripts"))
              .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
              .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
              .withExposedPorts(8083)
              .waitingForLog(".*Kafka Connect started.*", Duration.ofSeconds(120))) {
        worker.start();
        String workerLog = worker.getLogs();
        assertTrue(
            workerLog.contains("===> Launching kafka-connect ... "),
            "not the example's launch:\n" + workerLog);
        String workerProperties =
            worker.bash("cat /etc/kafka-connect/kafka-connect.properties").getStdout();
        assertTrue(workerProperties.contains("\ngroup.id=confluent8-scripts"), workerProperties);
        assertTrue(workerProperties.contains("\nlisteners=http://0.0.0.0:8083"), workerProperties);

        String rest = "http://" + worker.getHost() + ":" + worker.getMappedPort(8083);
        HttpResponse<String> root = get(rest + "/");
        assertEquals(200, root.statusCode(), root.body());
        assertTrue(root.body().contains("\"version\""), root.body());
        // The image has no connectors; the worker's converters are plugins too.
        HttpResponse<String> plugins = get(rest + "/connector-plugins?connectorsOnly=false");
        assertEquals(200, plugins.statusCode(), plugins.body());
        assertTrue(
            plugins.body().contains("org.apache.kafka.connect.json.JsonConverter"), plugins.body());

        // The image's ub is the one that ran the scripts; it keeps the protocol, unlike ub 1.0.11.
        ExecResult listeners = worker.run("ub", "listeners", "PLAINTEXT://connect:9092");
        assertEquals("PLAINTEXT://0.0.0.0:9092", listeners.getStdout().strip());
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
