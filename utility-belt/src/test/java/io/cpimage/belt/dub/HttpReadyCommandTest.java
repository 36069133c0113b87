package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static io.cpimage.belt.dub.DubRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on a free 127.0.0.1 port. */
class HttpReadyCommandTest {

  private HttpServer server;
  private String base;
  private final AtomicInteger statusRequests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> respond(exchange, 200, "{}"));
    server.createContext("/unavailable", exchange -> respond(exchange, 503, "still starting"));
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/ok");
          respond(exchange, 302, "");
        });
    // Answers 503 twice, then 200: a service that opens its port before it can serve.
    server.createContext(
        "/warming-up",
        exchange -> respond(exchange, statusRequests.incrementAndGet() < 3 ? 503 : 200, "x"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int code, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void a200Passes() {
    assertEquals(new DubRun(0, "", ""), dub("http-ready", base + "/ok", "5"));
  }

  @Test
  void redirectsAreFollowed() {
    assertEquals(new DubRun(0, "", ""), dub("http-ready", base + "/moved", "5"));
  }

  @Test
  void retriesUntilTheServiceAnswers2xx() {
    assertEquals(new DubRun(0, "", ""), dub("http-ready", base + "/warming-up", "10"));
    assertEquals(3, statusRequests.get());
  }

  @Test
  void aNon2xxAnswerFailsWithCodeAndBody() {
    String url = base + "/unavailable";
    assertEquals(
        new DubRun(
            1,
            "",
            lines("Unexpected response for " + url + ", with code: 503 and content: still starting")
                + failedLine("http-ready", url, "0.5")),
        dub("http-ready", url, "0.5"));
  }

  @Test
  void anUnreachablePortFailsWithConfluentsMessage() throws IOException {
    int port = WaitCommandTest.freePort();
    String url = "http://127.0.0.1:" + port + "/";
    assertEquals(
        new DubRun(
            1,
            "",
            lines("127.0.0.1 cannot be reached on port " + port + ".")
                + failedLine("http-ready", url, "0.5")),
        dub("http-ready", url, "0.5"));
  }

  @Test
  void anUntrustedCertificateFailsWithAMessageNotATrace(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "1")
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", exchange -> respond(exchange, 200, "{}"));
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
      DubRun run = dub("http-ready", url, "0.5");
      assertEquals(1, run.code());
      assertTrue(run.err().startsWith("TLS handshake with " + url + " failed: "), run.err());
      assertTrue(run.err().contains("javax.net.ssl.trustStore"), run.err());
      assertTrue(run.err().endsWith(failedLine("http-ready", url, "0.5")), run.err());
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aMalformedUrlIsAUsageError() {
    DubRun run = dub("http-ready", "localhost:8081/config", "1");
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("URL localhost:8081/config is malformed."), run.err());
  }
}
