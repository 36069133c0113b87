package io.cpimage.belt.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.FakeConfluentService;
import io.cpimage.belt.testing.FakeConfluentService.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpReadiness#forConnectPlugins}: the answers are Kafka Connect 3.9's {@code GET
 * /connector-plugins?connectorsOnly=false} bodies, served by a small HTTP server so the unit test
 * needs no worker; the base images' tests run the same check against a real Connect worker.
 */
class ConnectPluginsReadinessTest {

  private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  private static final String FILE_SOURCE =
      "org.apache.kafka.connect.file.FileStreamSourceConnector";

  private static final Answer STARTING_WORKER = FakeConfluentService.UNAVAILABLE;
  private static final Answer FILE_PLUGINS =
      new Answer(
          200,
          "application/json",
          "[{\"class\":\""
              + FILE_SINK
              + "\",\"type\":\"sink\",\"version\":\"3.9.1\"},"
              + "{\"class\":\""
              + FILE_SOURCE
              + "\",\"type\":\"source\",\"version\":\"3.9.1\"},"
              + "{\"class\":\"org.apache.kafka.connect.json.JsonConverter\",\"type\":\"converter\"}]");

  @Test
  void readyOnceEveryDeclaredPluginIsListed() throws Exception {
    try (FakeConfluentService connect = serve(STARTING_WORKER, FILE_PLUGINS)) {
      ReadinessResult result =
          HttpReadiness.forConnectPlugins(
                  "127.0.0.1", connect.port(), List.of(FILE_SINK, FILE_SOURCE))
              .withTimeout(Duration.ofSeconds(10))
              .await();

      assertTrue(result.ready(), result::toString);
      assertEquals(2, connect.requests(), "a 503 while the worker starts is retried");
    }
  }

  @Test
  void namesThePluginsTheWorkerDoesNotList() throws Exception {
    try (FakeConfluentService connect = serve(FILE_PLUGINS)) {
      ReadinessResult result =
          HttpReadiness.forConnectPlugins(
                  "127.0.0.1", connect.port(), List.of(FILE_SINK, "com.example.JdbcSinkConnector"))
              .withTimeout(Duration.ofSeconds(2))
              .await();

      assertFalse(result.ready());
      assertTrue(
          result
              .reason()
              .contains("does not list the plugin classes [com.example.JdbcSinkConnector]"),
          result.reason());
      assertTrue(
          result.reason().contains(FILE_SOURCE), "the listed plugins help: " + result.reason());
      assertEquals(
          "Kafka Connect plugins at http://127.0.0.1:"
              + connect.port()
              + "/connector-plugins?connectorsOnly=false",
          result.service());
    }
  }

  @Test
  void anAnswerThatIsNotAPluginListIsNamed() throws Exception {
    try (FakeConfluentService connect =
        serve(new Answer(200, "application/json", "{\"version\":\"3.9.1\"}"))) {
      ReadinessResult result =
          HttpReadiness.forConnectPlugins("127.0.0.1", connect.port(), List.of(FILE_SINK))
              .withTimeout(Duration.ofSeconds(1))
              .await();

      assertFalse(result.ready());
      assertTrue(result.reason().contains("not Kafka Connect's plugin list"), result.reason());
    }
  }

  private static FakeConfluentService serve(Answer... answers) throws Exception {
    return FakeConfluentService.start(null, null, null, "/connector-plugins", List.of(answers));
  }
}
