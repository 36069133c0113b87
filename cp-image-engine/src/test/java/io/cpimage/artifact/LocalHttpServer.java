package io.cpimage.artifact;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTP or HTTPS server on 127.0.0.1 and a free port, serving files, redirects and errors,
 * and recording every request path. The HTTPS variant uses a self-signed certificate made by the
 * JDK's keytool; {@link #clientContext()} trusts exactly that certificate.
 */
final class LocalHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;
  private final SSLContext clientContext;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Response> routes = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  private record Response(int status, byte[] body, String location, Duration delay) {
    Response(int status, byte[] body, String location) {
      this(status, body, location, Duration.ZERO);
    }
  }

  private LocalHttpServer(HttpServer server, String scheme, SSLContext clientContext) {
    this.server = server;
    this.scheme = scheme;
    this.clientContext = clientContext;
    server.createContext("/", this::handle);
    // One thread per exchange, so that a stalled answer does not hold up the others.
    server.setExecutor(executor);
    server.start();
  }

  static LocalHttpServer http() throws IOException {
    return new LocalHttpServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
        "http",
        null);
  }

  /** An HTTPS server whose key is kept in {@code keyDirectory} (made there once, then reused). */
  static LocalHttpServer https(Path keyDirectory) throws Exception {
    Path keyStoreFile = keyDirectory.resolve("server.p12");
    char[] password = "changeit".toCharArray();
    if (!Files.exists(keyStoreFile)) {
      makeSelfSignedKey(keyStoreFile, password);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);

    Certificate certificate = keyStore.getCertificate("server");
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("server", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trust.getTrustManagers(), null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    return new LocalHttpServer(server, "https", clientContext);
  }

  private static void makeSelfSignedKey(Path keyStoreFile, char[] password) throws Exception {
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStoreFile.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  /** An SSL context that trusts this server's certificate (and no other). */
  SSLContext clientContext() {
    return clientContext;
  }

  URI uri(String path) {
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void serve(String path, byte[] body) {
    routes.put(path, new Response(200, body, null));
  }

  void fail(String path, int status) {
    routes.put(path, new Response(status, ("error " + status).getBytes(), null));
  }

  /** Answers {@code path} only after {@code delay}: a server that hangs. */
  void stall(String path, Duration delay) {
    routes.put(path, new Response(200, new byte[] {1}, null, delay));
  }

  void redirect(String path, URI location) {
    routes.put(path, new Response(302, new byte[0], location.toString()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    Response response = routes.getOrDefault(path, new Response(404, "not found".getBytes(), null));
    try {
      Thread.sleep(response.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (response.location() != null) {
      exchange.getResponseHeaders().add("Location", response.location());
    }
    exchange.sendResponseHeaders(
        response.status(), response.body().length == 0 ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
