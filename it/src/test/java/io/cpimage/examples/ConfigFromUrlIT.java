package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.Line;
import io.cpimage.baseimages.OneShot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * examples/config-from-url: ZooKeeper configured from files an HTTP server (in this JVM, reached
 * from the container as host.docker.internal) serves.
 */
@ExtendWith(DockerRequired.class)
class ConfigFromUrlIT {
  private static final String GATEWAY = "host.docker.internal";
  // A one-member ensemble (standaloneEnabled=false) reads myid: the served id becomes its serverId.
  private static final String SERVER_CONFIG =
      """
      dataDir=/var/lib/zookeeper/data
      dataLogDir=/var/lib/zookeeper/log
      clientPort=2191
      4lw.commands.whitelist=ruok,conf
      admin.enableServer=false
      tickTime=2000
      initLimit=10
      syncLimit=5
      standaloneEnabled=false
      server.3=localhost:2888:3888
      """;
  private static final String SERVER_ID = "3\n";
  private static final String LOG_CONFIG =
      """
      log4j.rootLogger=INFO, stdout
      log4j.appender.stdout=org.apache.log4j.ConsoleAppender
      log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
      log4j.appender.stdout.layout.ConversionPattern=served-log4j %p %m (%c)%n
      """;
  private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
  private static HttpServer server;

  @BeforeAll
  static void serveTheConfiguration() throws IOException {
    // Every interface: the container comes in through the Docker bridge's gateway address.
    server = HttpServer.create(new InetSocketAddress(0), 0);
    serve("/zookeeper.properties", SERVER_CONFIG);
    serve("/myid", SERVER_ID);
    serve("/log4j.properties", LOG_CONFIG);
    // Promises more than it sends, then hangs up: curl gets a cut-off download.
    server.createContext(
        "/truncated.properties",
        exchange -> {
          count(exchange);
          exchange.sendResponseHeaders(200, 100_000);
          exchange.getResponseBody().write("clientPort=".getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          count(exchange);
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stopServing() {
    if (server != null) {
      server.stop(0);
    }
  }

  @BeforeEach
  void forgetRequests() {
    REQUESTS.clear();
  }

  @Test
  void zooKeeperRunsWithTheServedConfiguration() {
    try (CpContainer zookeeper =
        CpContainer.of(Examples.image("config-from-url", Line.KAFKA_3))
            .withExtraHost(GATEWAY, "host-gateway")
            .withEnv(urls())
            // ruok answers as soon as the port is open; conf only once the server serves.
            // printf, not echo: ZooKeeper reads the four letters and closes; an unread newline
            // makes that close a reset, which can drop the answer before nc reads it.
            .waitingFor(
                Wait.forSuccessfulCommand("printf conf | nc -w 2 localhost 2191 | grep -q serverId")
                    .withStartupTimeout(Duration.ofSeconds(60)))) {
      zookeeper.start();

      ExecResult ruok = zookeeper.bash("printf ruok | nc -w 2 localhost 2191");
      assertEquals(
          "imok",
          ruok.getStdout(),
          "exit " + ruok.getExitCode() + ", stderr: " + ruok.getStderr() + zookeeper.getLogs());
      String conf = zookeeper.bash("printf conf | nc -w 2 localhost 2191").getStdout();
      assertTrue(conf.contains("clientPort=2191"), conf);
      assertTrue(conf.contains("serverId=3"), conf);
      ExecResult ls = zookeeper.run("zookeeper-shell", "localhost:2191", "ls", "/");
      assertTrue(ls.getStdout().contains("[zookeeper]"), ls.getStdout() + ls.getStderr());
      assertEquals(SERVER_ID, zookeeper.run("cat", "/var/lib/zookeeper/data/myid").getStdout());
      assertEquals(
          SERVER_CONFIG, zookeeper.run("cat", "/etc/kafka/zookeeper.properties").getStdout());
      assertEquals(LOG_CONFIG, zookeeper.run("cat", "/etc/kafka/log4j.properties").getStdout());
      String logs = zookeeper.getLogs();
      assertTrue(logs.contains("served-log4j INFO Starting quorum peer, myid=3"), logs);

      assertEquals(1, requests("/zookeeper.properties"));
      assertEquals(1, requests("/myid"));
      assertEquals(1, requests("/log4j.properties"));
    }
  }

  /** Each URL variable in turn is missing: the boot stops before the first download. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ZOOKEEPER_SERVER_CONFIG_URL",
        "ZOOKEEPER_SERVER_ID_URL",
        "ZOOKEEPER_LOG_CONFIG_URL"
      })
  void aMissingUrlFailsBeforeAnythingIsFetched(String missing) {
    Map<String, String> env = urls();
    env.remove(missing);

    OneShot.Result result = boot(env);

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(missing + " is required."), result.output());
    assertEquals(Map.of(), REQUESTS, "fetched although " + missing + " is unset");
    assertTrue(result.output().contains("/etc/kafka holds: []"), result.output());
  }

  /** A 404 and a download cut short: the boot fails naming the URL, and writes no config file. */
  @ParameterizedTest
  @ValueSource(strings = {"/missing.properties", "/truncated.properties"})
  void aFailedDownloadLeavesNoConfigurationBehind(String path) {
    Map<String, String> env = urls();
    String url = url(path);
    env.put("ZOOKEEPER_SERVER_CONFIG_URL", url);

    OneShot.Result result = boot(env);

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("Could not fetch /etc/kafka/zookeeper.properties from " + url),
        result.output());
    assertTrue(result.output().contains("/etc/kafka holds: []"), result.output());
    assertFalse(result.output().contains("===> Launching"), result.output());
    assertEquals(1, requests(path), "the server saw no request for " + path);
  }

  /** The image's boot run to its end, reaching this JVM's server; then /etc/kafka is listed. */
  private static OneShot.Result boot(Map<String, String> env) {
    return OneShot.of(Examples.image("config-from-url", Line.KAFKA_3))
        .extraHost(GATEWAY, "host-gateway")
        .env(env)
        .bash(
            "/etc/confluent/docker/run; status=$?;"
                + " echo \"/etc/kafka holds: [$(ls -A /etc/kafka)]\"; exit $status")
        .run();
  }

  private static Map<String, String> urls() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZOOKEEPER_SERVER_CONFIG_URL", url("/zookeeper.properties"));
    env.put("ZOOKEEPER_SERVER_ID_URL", url("/myid"));
    env.put("ZOOKEEPER_LOG_CONFIG_URL", url("/log4j.properties"));
    return env;
  }

  private static String url(String path) {
    return "http://" + GATEWAY + ":" + server.getAddress().getPort() + path;
  }

  private static void serve(String path, String content) {
    byte[] body = content.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          count(exchange);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  /** Counts every request, by path, whether or not something is served there. */
  private static void count(HttpExchange exchange) {
    REQUESTS
        .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
        .incrementAndGet();
  }

  private static int requests(String path) {
    AtomicInteger count = REQUESTS.get(path);
    return count == null ? 0 : count.get();
  }
}
