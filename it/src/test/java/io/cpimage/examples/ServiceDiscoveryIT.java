package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.Images;
import io.cpimage.baseimages.Line;
import io.cpimage.baseimages.OneShot;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
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

  @Test
  void theWorkerAdvertisesHostAndPort0() throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka = CpContainer.kraftNode(Images.KAFKA.reference(), network, "kafka");
        CpContainer worker =
            CpContainer.of(Examples.image("service-discovery", Line.KAFKA_4))
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
      // The worker joins its group with the URL it advertises; the group's leader (this worker)
      // hands it back in the assignment, which the worker logs: HOST and PORT0 went through the
      // broker. (No connector needed: the 4.x line ships none, and connect-file does not run
      // there.)
      String joined = "leaderUrl='http://" + HOST + ":" + PORT0 + "/'";
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!worker.getLogs().contains(joined) && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertTrue(
          worker.getLogs().lines().anyMatch(l -> l.contains("Joined group") && l.contains(joined)),
          "the group does not know the worker as " + HOST + ":" + PORT0 + ":\n" + worker.getLogs());

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
        OneShot.of(Examples.image("service-discovery", Line.KAFKA_4))
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
