package io.cpimage.belt.ub;

import static io.cpimage.belt.testing.FakeConfluentService.CONNECT_ROOT;
import static io.cpimage.belt.testing.FakeConfluentService.KSQL_INFO;
import static io.cpimage.belt.ub.UbRun.ub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.FakeConfluentService;
import io.cpimage.belt.testing.FreePort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ub's verbs with Confluent's ub arguments, exit codes and streams (measured ub v1.0.11). */
class UbTest {

  @TempDir Path directory;

  @Test
  void withoutAVerbPrintsNothingAndSucceeds() {
    UbRun run = ub(Map.of());

    assertEquals(0, run.code(), run::toString);
    assertEquals("", run.out() + run.err());
  }

  @Test
  void anUnknownVerbOrAMissingArgumentExits1WithTheReason() {
    UbRun unknown = ub(Map.of(), "frobnicate");
    UbRun missing = ub(Map.of(), "ensure");

    assertEquals(1, unknown.code(), unknown::toString);
    assertTrue(unknown.err().startsWith("Error: Unmatched argument"), unknown::toString);
    assertEquals(1, missing.code(), missing::toString);
    assertTrue(
        missing.err().startsWith("Error: Missing required parameter: 'VAR'"), missing::toString);
  }

  @Test
  void ensureAcceptsADefinedButEmptyVariable() {
    assertEquals(0, ub(Map.of("CLUSTER_ID", ""), "ensure", "CLUSTER_ID").code());
    UbRun unset = ub(Map.of(), "ensure", "CLUSTER_ID");

    assertEquals(1, unset.code(), unset::toString);
    assertEquals("Error: CLUSTER_ID is required.", unset.err().strip());
  }

  @Test
  void pathChecksUnderUbsOperationNames() throws Exception {
    Path file = Files.writeString(directory.resolve("f"), "x");

    assertEquals(0, ub(Map.of(), "path", file.toString(), "existence").code());
    assertEquals(0, ub(Map.of(), "path", directory.toString(), "writable").code());
    UbRun missing = ub(Map.of(), "path", directory.resolve("no").toString(), "existence");
    assertEquals(1, missing.code(), missing::toString);
    assertTrue(missing.err().contains("does not exist"), missing::toString);
  }

  @Test
  void anUnknownPathOperationExits1NamingTheChoices() {
    UbRun run = ub(Map.of(), "path", "/tmp", "exists");

    assertEquals(1, run.code(), run::toString);
    assertEquals(
        "Error: unknown operation exists for /tmp: use readable, writable, executable or existence.",
        run.err().strip());
  }

  @Test
  void renderTemplatePrintsTheRenderedTemplateOnStdout() throws Exception {
    Path template =
        Files.writeString(
            directory.resolve("kafka.properties.template"),
            "{{- $excluded := stringSlice \"KAFKA_HEAP_OPTS\" }}\n"
                + "{{- range $k, $v := envToProps \"KAFKA_\" \"\" $excluded (stringSlice) (stringSlice) }}\n"
                + "{{ $k }}={{ $v }}\n"
                + "{{- end }}\n");
    Map<String, String> env =
        Map.of(
            "KAFKA_NODE_ID", "1",
            "KAFKA_PROCESS_ROLES", "broker,controller",
            "KAFKA_HEAP_OPTS", "-Xmx1g");

    UbRun run = ub(env, "render-template", template.toString());

    assertEquals(0, run.code(), run::toString);
    assertEquals("\nnode.id=1\nprocess.roles=broker,controller\n", run.out());
  }

  @Test
  void aTemplateErrorPrintsNothingOnStdoutAndNamesFileLineAndColumn() throws Exception {
    Path template =
        Files.writeString(directory.resolve("bad.template"), "a={{ .A }}\nb={{ len .B }}\n");

    UbRun run = ub(Map.of("A", "1"), "render-template", template.toString());

    assertEquals(1, run.code(), run::toString);
    assertEquals("", run.out());
    assertTrue(
        run.err().startsWith("Error: template: " + template + ":2:6: executing"), run::toString);
  }

  @Test
  void aTemplateThatDoesNotParseNamesFileLineAndColumn() throws Exception {
    Path template =
        Files.writeString(directory.resolve("bad.template"), "x\n  {{ getenv \"A\" }}\n");

    UbRun run = ub(Map.of(), "render-template", template.toString());

    assertEquals(1, run.code(), run::toString);
    assertEquals("", run.out());
    assertEquals(
        "Error: template: " + template + ":2:6: function \"getenv\" not defined",
        run.err().strip());
  }

  @Test
  void renderPropertiesFollowsTheSpec() throws Exception {
    Path spec =
        Files.writeString(
            directory.resolve("spec.json"),
            "{\"prefixes\": {\"KAFKA\": false, \"CONFLUENT\": true},"
                + " \"renamed\": {\"KAFKA_HEAP_OPTS\": \"heap\"},"
                + " \"excludes\": [\"KAFKA_VERSION\", \"KAFKA_HEAP_OPTS\"],"
                + " \"defaults\": {\"log.dirs\": \"/var/lib/kafka/data\", \"node.id\": \"0\"},"
                + " \"excludeWithPrefix\": \"KAFKA_REST_\"}");
    Map<String, String> env =
        Map.of(
            "KAFKA_NODE_ID", "1",
            "KAFKA_VERSION", "4.4.0",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "KAFKA_REST_HOST", "x",
            "CONFLUENT_METRICS_ENABLE", "false",
            "OTHER", "y");

    UbRun run = ub(env, "render-properties", spec.toString());

    assertEquals(0, run.code(), run::toString);
    assertEquals(
        "confluent.metrics.enable=false\nheap=-Xmx1g\nlog.dirs=/var/lib/kafka/data\nnode.id=1\n",
        run.out());
  }

  @Test
  void aMalformedSpecNamesFileLineAndColumn() throws Exception {
    Path spec =
        Files.writeString(
            directory.resolve("spec.json"),
            "{\n  \"prefixes\": {\"KAFKA\": false},\n  \"exclude\": []\n}");

    UbRun run = ub(Map.of(), "render-properties", spec.toString());

    assertEquals(1, run.code(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Error: " + spec + ":3:"), run::toString);
    assertTrue(run.err().contains("\"exclude\""), run::toString);
  }

  @Test
  void waitSucceedsOnAnOpenPortAndFailsOnAClosedOne() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(
          0, ub(Map.of(), "wait", "127.0.0.1", String.valueOf(open.getLocalPort()), "5").code());
    }
    UbRun closed = ub(Map.of(), "wait", "127.0.0.1", String.valueOf(FreePort.closed()), "1");
    assertEquals(1, closed.code(), closed::toString);
  }

  @Test
  void httpReadyAndTheServiceChecksRunWithUbsOptionNames() throws Exception {
    try (FakeConfluentService connect =
            FakeConfluentService.start(null, null, null, "/", List.of(CONNECT_ROOT));
        FakeConfluentService ksql =
            FakeConfluentService.start(null, null, null, "/info", List.of(KSQL_INFO))) {
      String connectPort = String.valueOf(connect.port());
      assertEquals(
          0, ub(Map.of(), "http-ready", "http://127.0.0.1:" + connectPort + "/", "5").code());
      assertEquals(0, ub(Map.of(), "connect-ready", "127.0.0.1", connectPort, "5").code());
      assertEquals(
          0,
          ub(
                  Map.of(),
                  "ksql-server-ready",
                  "127.0.0.1",
                  String.valueOf(ksql.port()),
                  "5",
                  "--ignore-cert")
              .code());
      UbRun wrong = ub(Map.of(), "sr-ready", "127.0.0.1", connectPort, "1");
      assertEquals(1, wrong.code(), wrong::toString);
      assertTrue(
          wrong.err().startsWith("Error: Unexpected response with code: 404"), wrong::toString);
    }
  }

  @Test
  void cubsUsageErrorsExit1AsUbs() {
    UbRun run = ub(Map.of(), "sr-ready", "host");

    assertEquals(1, run.code(), run::toString);
  }

  @Test
  void listenersKeepsTheProtocolsAndBracketedIpv6Hosts() {
    UbRun run = ub(Map.of(), "listeners", "PLAINTEXT://kafka-1:9092,SSL://[::1]:9093");

    assertEquals(0, run.code(), run::toString);
    assertEquals("PLAINTEXT://0.0.0.0:9092,SSL://0.0.0.0:9093", run.out().strip());
  }

  @Test
  void kafkaReadyAcceptsUbsLongOptionsAndFailsWhenNoBrokerAnswers() throws Exception {
    UbRun run =
        ub(
            Map.of(),
            "kafka-ready",
            "1",
            "1",
            "--bootstrap-servers",
            "127.0.0.1:" + FreePort.closed());

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Expected 1 brokers but found only 0"), run::toString);
  }
}
