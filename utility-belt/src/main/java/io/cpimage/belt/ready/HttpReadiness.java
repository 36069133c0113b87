package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import io.cpimage.belt.wait.TcpPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * Waits until an HTTP service answers its readiness request, as Confluent's {@code cub sr-ready},
 * {@code kr-ready}, {@code connect-ready} and {@code dub http-ready} do: first the port must accept
 * connections, then a {@code GET} must answer 2xx with the expected body.
 *
 * <pre>{@code
 * ReadinessResult result =
 *     HttpReadiness.forSchemaRegistry("schema-registry", 8081)
 *         .usingTls()
 *         .withBasicAuth("admin", "secret")
 *         .withTimeout(Duration.ofSeconds(20))
 *         .await();
 * }</pre>
 *
 * <p>Unlike Confluent's checks, the {@code GET} is repeated until the timeout (a service answers
 * 503 while it starts), and a TLS failure or a 401/403 ends the wait at once with the cause.
 */
public final class HttpReadiness implements ReadinessCheck {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_BODY_IN_MESSAGE = 500;

  /** What is asked and how an unexpected answer is worded; the rest are the caller's options. */
  private record Target(
      String name,
      String host,
      int port,
      String path,
      BodyExpectation expected,
      String unexpectedResponse) {}

  private final Target target;
  private final boolean tls;
  private final boolean insecure;
  private final String username;
  private final String password;
  private final Duration timeout;

  private HttpReadiness(
      Target target,
      boolean tls,
      boolean insecure,
      String username,
      String password,
      Duration timeout) {
    this.target = target;
    this.tls = tls;
    this.insecure = insecure;
    this.username = username;
    this.password = password;
    this.timeout = timeout;
  }

  private static HttpReadiness of(
      String name, String host, int port, String path, BodyExpectation expected) {
    return of(new Target(name, host, port, path, expected, "Unexpected response"), false);
  }

  private static HttpReadiness of(Target target, boolean tls) {
    Objects.requireNonNull(target.host(), "host");
    if (target.port() < 1 || target.port() > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + target.port());
    }
    return new HttpReadiness(target, tls, false, "", "", DEFAULT_TIMEOUT);
  }

  /**
   * Any service: a {@code GET} of {@code url} (http or https, with a host) answers 2xx, as {@code
   * dub http-ready} waits; an unexpected answer is worded as Confluent's dub words it, naming the
   * URL as given.
   */
  public static HttpReadiness forUrl(URI url) {
    boolean https = "https".equals(url.getScheme());
    if (!https && !"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("not an http:// or https:// URL with a host: " + url);
    }
    int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    String host =
        url.getHost().startsWith("[")
            ? url.getHost().substring(1, url.getHost().length() - 1)
            : url.getHost();
    Target target =
        new Target(
            "HTTP service",
            host,
            port,
            path,
            BodyExpectation.contains(""),
            "Unexpected response for " + url + ",");
    return of(target, https);
  }

  /**
   * Schema Registry: {@code GET /config} answers 2xx with {@code compatibilityLevel} in the body.
   */
  public static HttpReadiness forSchemaRegistry(String host, int port) {
    return of(
        "Schema Registry", host, port, "/config", BodyExpectation.contains("compatibilityLevel"));
  }

  /** REST Proxy: {@code GET /topics} answers 2xx (it can reach the Kafka cluster). */
  public static HttpReadiness forRestProxy(String host, int port) {
    return of("REST Proxy", host, port, "/topics", BodyExpectation.contains(""));
  }

  /** Kafka Connect: {@code GET /} answers 2xx with {@code version} in the body. */
  public static HttpReadiness forConnect(String host, int port) {
    return of("Kafka Connect", host, port, "/", BodyExpectation.contains("version"));
  }

  /** ksqlDB server: {@code GET /info} answers 2xx with {@code Ksql} in the body. */
  public static HttpReadiness forKsqlServer(String host, int port) {
    return of("ksqlDB server", host, port, "/info", BodyExpectation.contains("Ksql"));
  }

  /** Control Center: {@code GET /} answers 2xx with {@code Control Center} in the body. */
  public static HttpReadiness forControlCenter(String host, int port) {
    return of("Control Center", host, port, "/", BodyExpectation.contains("Control Center"));
  }

  /**
   * Kafka Connect lists every one of {@code pluginClasses} in {@code GET /connector-plugins} (with
   * {@code connectorsOnly=false}, so converters and transformations count too): proof that the
   * worker really loaded the plugins an image declares, not only that it started.
   */
  public static HttpReadiness forConnectPlugins(
      String host, int port, Collection<String> pluginClasses) {
    return of(
        "Kafka Connect plugins",
        host,
        port,
        "/connector-plugins?connectorsOnly=false",
        ConnectPluginListing.listing(pluginClasses));
  }

  /** Talks HTTPS instead of HTTP. */
  public HttpReadiness usingTls() {
    return new HttpReadiness(target, true, insecure, username, password, timeout);
  }

  /** Accepts any server certificate and host name (HTTPS only); for self-signed test set-ups. */
  public HttpReadiness allowInsecure() {
    return new HttpReadiness(target, tls, true, username, password, timeout);
  }

  /** Sends HTTP Basic credentials (when either is non-empty, as Confluent's checks do). */
  public HttpReadiness withBasicAuth(String username, String password) {
    return new HttpReadiness(
        target,
        tls,
        insecure,
        Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(password, "password"),
        timeout);
  }

  /** How long to wait in total (default 40 s). */
  public HttpReadiness withTimeout(Duration timeout) {
    return new HttpReadiness(
        target, tls, insecure, username, password, Objects.requireNonNull(timeout, "timeout"));
  }

  /** The URL this check requests. */
  public URI uri() {
    String host = target.host();
    String authority =
        host.contains(":") ? "[" + host + "]:" + target.port() : host + ":" + target.port();
    return URI.create((tls ? "https://" : "http://") + authority + target.path());
  }

  @Override
  public String service() {
    return target.name() + " at " + uri();
  }

  @Override
  public ReadinessResult await() {
    return TimedWait.await(
        service(),
        timeout,
        deadline -> {
          if (!TcpPort.awaitOpen(target.host(), target.port(), deadline, Deadline.RETRY_PAUSE)) {
            throw new NotReadyException(
                target.host() + " cannot be reached on port " + target.port() + ".");
          }
          awaitAnswer(deadline);
        });
  }

  private void awaitAnswer(Deadline deadline) throws NotReadyException, InterruptedException {
    HttpClient client = client();
    String failure = null;
    while (true) {
      try {
        HttpResponse<String> response =
            client.send(request(deadline), HttpResponse.BodyHandlers.ofString());
        failure = judge(response);
        if (failure == null) {
          return;
        }
      } catch (HttpTimeoutException e) {
        // A request cut short by the deadline says less than the answer before it, if any.
        if (failure == null) {
          failure = uri() + " did not answer in time: " + e.getMessage();
        }
      } catch (IOException e) {
        failure = connectionFailure(e);
      }
      if (deadline.expired()) {
        throw new NotReadyException(failure);
      }
      deadline.pauseBeforeRetry();
    }
  }

  private HttpRequest request(Deadline deadline) {
    // Each request may outlast the deadline a little, so a slow first answer still counts.
    Duration requestTimeout = deadline.remaining().plus(MIN_REQUEST_TIMEOUT);
    if (requestTimeout.compareTo(REQUEST_TIMEOUT) > 0) {
      requestTimeout = REQUEST_TIMEOUT;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri()).timeout(requestTimeout).GET();
    if (!username.isEmpty() || !password.isEmpty()) {
      String credentials = username + ":" + password;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request.build();
  }

  /** Null when the answer means ready; the reason otherwise. Throws when retrying cannot help. */
  private String judge(HttpResponse<String> response) throws NotReadyException {
    int code = response.statusCode();
    String body = response.body();
    if (code == 401 || code == 403) {
      throw new NotReadyException(
          uri() + " refused the credentials (HTTP " + code + "). Check the username and password.");
    }
    if (code / 100 == 2) {
      String problem = target.expected().problemWith(body);
      if (problem == null) {
        return null;
      }
      if (!problem.isEmpty()) {
        return uri() + ": " + problem;
      }
    }
    String shown =
        body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
    return target.unexpectedResponse() + " with code: " + code + " and content: " + shown;
  }

  private String connectionFailure(IOException e) throws NotReadyException {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        throw new NotReadyException(
            "TLS handshake with "
                + uri()
                + " failed: "
                + cause.getMessage()
                + ". Make the JVM trust the server's certificate (javax.net.ssl.trustStore), or,"
                + " with cub, skip verification (--ignore_cert).");
      }
    }
    return "Request to " + uri() + " failed: " + e;
  }

  private HttpClient client() {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(REQUEST_TIMEOUT);
    if (insecure) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAnyCertificate()}, new SecureRandom());
        builder.sslContext(context);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no TLS implementation", e);
      }
    }
    return builder.build();
  }
}
