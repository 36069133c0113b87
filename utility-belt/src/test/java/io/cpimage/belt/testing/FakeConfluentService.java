package io.cpimage.belt.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Confluent's Schema Registry, REST Proxy and Kafka Connect, which cannot run on this
 * machine: a small HTTP(S) server on 127.0.0.1 that answers one path the way the real service does
 * (same status, content type and body), optionally behind HTTP Basic authentication.
 */
public final class FakeConfluentService implements AutoCloseable {

  /** One answer: status, content type and body. */
  public record Answer(int status, String contentType, String body) {}

  /** Schema Registry's {@code GET /config}. */
  public static final Answer SCHEMA_REGISTRY_CONFIG =
      new Answer(
          200, "application/vnd.schemaregistry.v1+json", "{\"compatibilityLevel\":\"BACKWARD\"}");

  /** REST Proxy's {@code GET /topics}. */
  public static final Answer REST_PROXY_TOPICS =
      new Answer(200, "application/vnd.kafka.v2+json", "[\"_schemas\"]");

  /** Kafka Connect's {@code GET /}. */
  public static final Answer CONNECT_ROOT =
      new Answer(
          200,
          "application/json",
          "{\"version\":\"3.9.1\",\"commit\":\"f745dfdcee2b9851\","
              + "\"kafka_cluster_id\":\"q2XK1kVZTJmUTdQpNrBZwg\"}");

  /** ksqlDB server's {@code GET /info}. */
  public static final Answer KSQL_INFO =
      new Answer(
          200,
          "application/json",
          "{\"KsqlServerInfo\":{\"version\":\"7.9.0\",\"kafkaClusterId\":\"q2XK1kVZTJmUTdQpNrBZwg\","
              + "\"ksqlServiceId\":\"default_\",\"serverStatus\":\"RUNNING\"}}");

  /** Control Center's {@code GET /}: its web application's page. */
  public static final Answer CONTROL_CENTER_ROOT =
      new Answer(
          200,
          "text/html",
          "<!doctype html><html><head><title>Control Center</title></head><body></body></html>");

  /** What a starting Jetty-based Confluent service answers before its resources are up. */
  public static final Answer UNAVAILABLE =
      new Answer(
          503,
          "text/html;charset=iso-8859-1",
          "<html><body><h2>HTTP ERROR 503 Service Unavailable</h2></body></html>");

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private FakeConfluentService(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves {@code path}: the n-th request gets the n-th answer, and every later request the last
   * one. Other paths get 404. With credentials, requests without them get 401.
   */
  public static FakeConfluentService start(
      TestTls tls, String username, String password, String path, List<Answer> answers)
      throws IOException, GeneralSecurityException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      server = https;
    }
    FakeConfluentService service = new FakeConfluentService(server);
    String expectedAuthorization =
        username == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (expectedAuthorization != null
                && !expectedAuthorization.equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"confluent\"");
              respond(
                  exchange,
                  new Answer(
                      401,
                      "application/json",
                      "{\"error_code\":401,\"message\":\"Unauthorized\"}"));
            } else if (!exchange.getRequestURI().getPath().equals(path)) {
              respond(
                  exchange,
                  new Answer(
                      404,
                      "application/json",
                      "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
            } else {
              int n = service.requests.getAndIncrement();
              respond(exchange, answers.get(Math.min(n, answers.size() - 1)));
            }
          }
        });
    server.start();
    return service;
  }

  private static void respond(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests that reached the served path. */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
