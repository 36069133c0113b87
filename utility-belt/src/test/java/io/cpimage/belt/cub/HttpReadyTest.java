package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static io.cpimage.belt.testing.FakeConfluentService.CONNECT_ROOT;
import static io.cpimage.belt.testing.FakeConfluentService.CONTROL_CENTER_ROOT;
import static io.cpimage.belt.testing.FakeConfluentService.KSQL_INFO;
import static io.cpimage.belt.testing.FakeConfluentService.REST_PROXY_TOPICS;
import static io.cpimage.belt.testing.FakeConfluentService.SCHEMA_REGISTRY_CONFIG;
import static io.cpimage.belt.testing.FakeConfluentService.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.FakeConfluentService;
import io.cpimage.belt.testing.FakeConfluentService.Answer;
import io.cpimage.belt.testing.FreePort;
import io.cpimage.belt.testing.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cub sr-ready}, {@code kr-ready} and {@code connect-ready}. Schema Registry, REST Proxy and
 * Connect cannot run here, so {@link FakeConfluentService} answers exactly as they do.
 */
class HttpReadyTest {

  @TempDir static Path directory;
  private static TestTls tls;

  @BeforeAll
  static void generateCertificate() throws Exception {
    tls = TestTls.generate(directory, "service");
  }

  private static FakeConfluentService plain(String path, Answer... answers) throws Exception {
    return FakeConfluentService.start(null, null, null, path, List.of(answers));
  }

  private static FakeConfluentService secured(String path, Answer... answers) throws Exception {
    return FakeConfluentService.start(tls, "admin", "s3cret", path, List.of(answers));
  }

  private static String port(FakeConfluentService service) {
    return String.valueOf(service.port());
  }

  @Test
  void ksqlServerReadyWhenInfoNamesKsql() throws Exception {
    try (FakeConfluentService ksql = plain("/info", KSQL_INFO)) {
      CubRun run = cub("ksql-server-ready", "127.0.0.1", port(ksql), "10");

      assertEquals(0, run.exitCode(), run::toString);
    }
    try (FakeConfluentService other = plain("/info", CONNECT_ROOT)) {
      CubRun run = cub("ksql-server-ready", "127.0.0.1", port(other), "1");

      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.err().contains("Unexpected response with code: 200"), run::toString);
    }
  }

  @Test
  void controlCenterReadyWhenTheRootPageNamesIt() throws Exception {
    try (FakeConfluentService center = plain("/", CONTROL_CENTER_ROOT)) {
      CubRun run = cub("control-center-ready", "127.0.0.1", port(center), "10");

      assertEquals(0, run.exitCode(), run::toString);
    }
    try (FakeConfluentService other = plain("/", CONNECT_ROOT)) {
      CubRun run = cub("control-center-ready", "127.0.0.1", port(other), "1");

      assertEquals(1, run.exitCode(), run::toString);
    }
  }

  @Test
  void schemaRegistryReadyWhenConfigNamesTheCompatibilityLevel() throws Exception {
    try (FakeConfluentService registry = plain("/config", SCHEMA_REGISTRY_CONFIG)) {
      CubRun run = cub("sr-ready", "127.0.0.1", port(registry), "10");

      assertEquals(0, run.exitCode(), run::toString);
      assertEquals("", run.err());
    }
  }

  @Test
  void restProxyReadyWhenTopicsAnswers() throws Exception {
    try (FakeConfluentService rest = plain("/topics", REST_PROXY_TOPICS)) {
      CubRun run = cub("kr-ready", "127.0.0.1", port(rest), "10");

      assertEquals(0, run.exitCode(), run::toString);
    }
  }

  @Test
  void connectReadyWhenRootNamesTheVersion() throws Exception {
    try (FakeConfluentService connect = plain("/", CONNECT_ROOT)) {
      CubRun run = cub("connect-ready", "127.0.0.1", port(connect), "10");

      assertEquals(0, run.exitCode(), run::toString);
    }
  }

  @Test
  void retriesWhileTheServiceAnswers503() throws Exception {
    try (FakeConfluentService registry =
        plain("/config", UNAVAILABLE, UNAVAILABLE, SCHEMA_REGISTRY_CONFIG)) {
      CubRun run = cub("sr-ready", "127.0.0.1", port(registry), "15");

      assertEquals(0, run.exitCode(), run::toString);
      assertEquals(3, registry.requests());
    }
  }

  @Test
  void a503UntilTheTimeoutFailsWithTheResponse() throws Exception {
    try (FakeConfluentService connect = plain("/", UNAVAILABLE)) {
      CubRun run = cub("connect-ready", "127.0.0.1", port(connect), "2");

      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(
          run.err().startsWith("Unexpected response with code: 503 and content: <html>"),
          run::toString);
      assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, run::toString);
    }
  }

  @Test
  void aBodyWithoutTheExpectedFieldIsNotReady() throws Exception {
    try (FakeConfluentService registry =
        plain("/config", new Answer(200, "application/json", "{}"))) {
      CubRun run = cub("sr-ready", "127.0.0.1", port(registry), "1");

      assertEquals(1, run.exitCode(), run::toString);
      assertEquals("Unexpected response with code: 200 and content: {}", run.err().strip());
    }
  }

  @Test
  void connectWithoutVersionInTheBodyIsNotReady() throws Exception {
    try (FakeConfluentService connect =
        plain("/", new Answer(200, "application/json", "{\"commit\":\"abc\"}"))) {
      CubRun run = cub("connect-ready", "127.0.0.1", port(connect), "1");

      assertEquals(1, run.exitCode(), run::toString);
    }
  }

  @Test
  void unreachablePortFailsWithConfluentsMessage() throws Exception {
    int closed = FreePort.closed();

    CubRun run = cub("kr-ready", "127.0.0.1", String.valueOf(closed), "1");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("127.0.0.1 cannot be reached on port " + closed + ".", run.err().strip());
  }

  @Test
  void httpsWithBasicAuthAndIgnoredCertificateIsReady() throws Exception {
    try (FakeConfluentService registry = secured("/config", SCHEMA_REGISTRY_CONFIG)) {
      CubRun run =
          cub(
              "sr-ready",
              "127.0.0.1",
              port(registry),
              "10",
              "--secure",
              "--ignore_cert",
              "--username",
              "admin",
              "--password",
              "s3cret");

      assertEquals(0, run.exitCode(), run::toString);
    }
  }

  @Test
  void httpsWithAnUntrustedCertificateFailsAtOnceWithoutAStackTrace() throws Exception {
    try (FakeConfluentService registry = secured("/config", SCHEMA_REGISTRY_CONFIG)) {
      CubRun run =
          cub(
              "sr-ready",
              "127.0.0.1",
              port(registry),
              "20",
              "--secure",
              "--username",
              "admin",
              "--password",
              "s3cret");

      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.err().startsWith("TLS handshake with https://127.0.0.1:"), run::toString);
      assertTrue(run.err().contains("--ignore_cert"), run::toString);
      assertFalse(run.err().contains("\tat "), run::toString);
      assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, run::toString);
    }
  }

  @Test
  void wrongPasswordFailsAtOnceNamingTheCredentials() throws Exception {
    try (FakeConfluentService rest = secured("/topics", REST_PROXY_TOPICS)) {
      CubRun run =
          cub(
              "kr-ready",
              "127.0.0.1",
              port(rest),
              "20",
              "--secure",
              "--ignore_cert",
              "--username",
              "admin",
              "--password",
              "wrong");

      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.err().contains("refused the credentials (HTTP 401)"), run::toString);
      assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, run::toString);
    }
  }

  @Test
  void plainHttpAgainstAnHttpsServiceIsNotReady() throws Exception {
    try (FakeConfluentService connect = secured("/", CONNECT_ROOT)) {
      CubRun run = cub("connect-ready", "127.0.0.1", port(connect), "1");

      assertEquals(1, run.exitCode(), run::toString);
      assertFalse(run.err().contains("\tat "), run::toString);
    }
  }
}
