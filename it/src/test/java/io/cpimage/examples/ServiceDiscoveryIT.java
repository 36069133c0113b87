package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.images.CpContainer;
import io.cpimage.images.DockerRequired;
import io.cpimage.images.Images;
import io.cpimage.images.OneShot;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * examples/service-discovery: a Connect worker advertises the HOST and PORT0 its scheduler gives
 * it, unless CONNECT_REST_ADVERTISED_* say otherwise.
 */
@ExtendWith(DockerRequired.class)
class ServiceDiscoveryIT {
  private static final String HOST = "worker-7.scheduler.test";
  private static final String PORT0 = "31083";
  private static final String WORKER_FILE = "/etc/kafka-connect/kafka-connect.properties";
  private static final Pattern WORKER_ID = Pattern.compile("\"worker_id\":\"([^\"]*)\"");

  @Test
  void theWorkerAdvertisesHostAndPort0() throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka = CpContainer.kraftNode(Images.KAFKA.reference(), network, "kafka");
        CpContainer worker =
            CpContainer.of(Examples.image("service-discovery"))
                .on(network, "connect")
                .withEnv(ConnectWorker.env("kafka:9092", "service-discovery"))
                .withEnv("HOST", HOST)
                .withEnv("PORT0", PORT0)
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
                .withExposedPorts(8083)
                .waitingFor(
                    Wait.forHttp("/").forPort(8083).withStartupTimeout(Duration.ofSeconds(180)))) {
      kafka.start();
      worker.start();
      ConnectWorker rest =
          ConnectWorker.at("http://" + worker.getHost() + ":" + worker.getMappedPort(8083));

      HttpResponse<String> created =
          rest.createConnector(
              """
              {"name": "hostname-source", "config": {
                "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "file": "/etc/hostname", "topic": "hostname", "tasks.max": "1"}}
              """);
      assertEquals(201, created.statusCode(), created.body());

      // The connector's status names the worker running it by its advertised host and port.
      String status = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!WORKER_ID.matcher(status).find() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        status = rest.status("hostname-source").body();
      }
      Matcher workerId = WORKER_ID.matcher(status);
      assertTrue(workerId.find(), "no worker_id in the connector's status: " + status);
      assertEquals(HOST + ":" + PORT0, workerId.group(1), status);

      String logs = worker.getLogs();
      assertTrue(logs.contains("Advertised URI: http://" + HOST + ":" + PORT0 + "/"), logs);
      Properties rendered = properties(worker.run("cat", WORKER_FILE).getStdout());
      assertEquals(HOST, rendered.getProperty("rest.advertised.host.name"));
      assertEquals(PORT0, rendered.getProperty("rest.advertised.port"));
    }
  }

  @Test
  void anExplicitAdvertisedHostNameWinsOverHost() {
    Properties rendered = bootAndRender(Map.of("CONNECT_REST_ADVERTISED_HOST_NAME", "explicit"));

    assertEquals("explicit", rendered.getProperty("rest.advertised.host.name"), rendered::toString);
    assertEquals(PORT0, rendered.getProperty("rest.advertised.port"), rendered::toString);
  }

  @Test
  void anExplicitAdvertisedPortWinsOverPort0() {
    Properties rendered = bootAndRender(Map.of("CONNECT_REST_ADVERTISED_PORT", "9999"));

    assertEquals(HOST, rendered.getProperty("rest.advertised.host.name"), rendered::toString);
    assertEquals("9999", rendered.getProperty("rest.advertised.port"), rendered::toString);
  }

  /**
   * The image's own boot (overrides, configure) with HOST, PORT0 and {@code explicit}, against a
   * bootstrap server that does not resolve: the readiness check fails at once, after configure
   * rendered the worker's file, which is then printed.
   */
  private static Properties bootAndRender(Map<String, String> explicit) {
    OneShot.Result result =
        OneShot.of(Examples.image("service-discovery"))
            .env(ConnectWorker.env("nowhere.invalid:9092", "service-discovery"))
            .env("HOST", HOST)
            .env("PORT0", PORT0)
            .env(explicit)
            .env("CONNECT_CUB_KAFKA_TIMEOUT", "1")
            .bash("/etc/confluent/docker/run; echo '--- rendered'; cat " + WORKER_FILE)
            .run();

    String output = result.output();
    assertTrue(
        output.contains("Applying overrides from /etc/confluent/docker/overrides.d/"), output);
    int rendered = output.indexOf("--- rendered");
    assertTrue(rendered >= 0, output);
    return properties(output.substring(rendered));
  }

  private static Properties properties(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return properties;
  }
}
