package io.cpimage.verify;

import io.cpimage.belt.ready.HttpReadiness;
import io.cpimage.belt.ready.KafkaReadiness;
import io.cpimage.belt.ready.ReadinessCheck;
import io.cpimage.belt.ready.ZooKeeperReadiness;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Turns {@link VerifyTargets} into the utility belt's readiness checks, one per service. */
public final class ReadinessPlan {

  private ReadinessPlan() {}

  /** The checks to run; refuses a setting that cannot work, naming its parameter. */
  public static List<ReadinessCheck> checksFor(VerifyTargets targets) throws VerifyException {
    List<ReadinessCheck> checks = new ArrayList<>();
    if (present(targets.zooKeeper())) {
      checks.add(
          ZooKeeperReadiness.forConnectString(targets.zooKeeper().trim())
              .withTimeout(targets.timeout()));
    }
    if (present(targets.bootstrapServers())) {
      checks.add(kafka(targets));
    } else if (targets.clientConfig() != null) {
      throw new VerifyException(
          "cp-image.clientConfig is set but cp-image.bootstrapServers is not: give the brokers to"
              + " check, e.g. -Dcp-image.bootstrapServers=kafka:9092");
    }
    if (present(targets.schemaRegistry())) {
      Endpoint sr = Endpoint.parse("schemaRegistry", targets.schemaRegistry());
      checks.add(sr.configure(HttpReadiness.forSchemaRegistry(sr.host, sr.port), targets));
    }
    if (present(targets.restProxy())) {
      Endpoint rest = Endpoint.parse("restProxy", targets.restProxy());
      checks.add(rest.configure(HttpReadiness.forRestProxy(rest.host, rest.port), targets));
    }
    if (present(targets.connect())) {
      Endpoint connect = Endpoint.parse("connect", targets.connect());
      checks.add(connect.configure(HttpReadiness.forConnect(connect.host, connect.port), targets));
      if (!targets.connectPluginClasses().isEmpty()) {
        checks.add(
            connect.configure(
                HttpReadiness.forConnectPlugins(
                    connect.host, connect.port, targets.connectPluginClasses()),
                targets));
      }
    }
    if (checks.isEmpty()) {
      throw new VerifyException(
          "nothing to verify: set at least one of -Dcp-image.zookeeper, -Dcp-image.bootstrapServers,"
              + " -Dcp-image.schemaRegistry, -Dcp-image.restProxy, -Dcp-image.connect (or the same"
              + " in <verify> of the plugin's configuration)");
    }
    return checks;
  }

  private static ReadinessCheck kafka(VerifyTargets targets) throws VerifyException {
    if (targets.expectedBrokers() < 1) {
      throw new VerifyException(
          "cp-image.expectedBrokers must be at least 1, got "
              + targets.expectedBrokers()
              + ": set it to the number of brokers the cluster should have (default 1), e.g."
              + " -Dcp-image.expectedBrokers=3");
    }
    return KafkaReadiness.forBrokers(targets.expectedBrokers())
        .withBootstrapServers(targets.bootstrapServers().trim())
        .withClientProperties(clientProperties(targets))
        .withTimeout(targets.timeout());
  }

  private static Map<String, String> clientProperties(VerifyTargets targets)
      throws VerifyException {
    if (targets.clientConfig() == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(targets.clientConfig())) {
      properties.load(reader);
    } catch (IOException e) {
      throw new VerifyException(
          "cp-image.clientConfig: cannot read "
              + targets.clientConfig()
              + " ("
              + e
              + "). Give a Kafka client properties file (security.protocol, ssl.*, sasl.*).");
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** An HTTP service's URL, taken apart: scheme, host, port and optional Basic credentials. */
  private record Endpoint(boolean tls, String host, int port, String username, String password) {

    static Endpoint parse(String parameter, String url) throws VerifyException {
      URI uri;
      try {
        uri = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw new VerifyException(
            "cp-image." + parameter + "=" + url + " is not a URL (" + e.getReason() + ")" + HINT);
      }
      String scheme = uri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new VerifyException(
            "cp-image." + parameter + "=" + url + " must start with http:// or https://" + HINT);
      }
      if (uri.getHost() == null) {
        throw new VerifyException("cp-image." + parameter + "=" + url + " names no host" + HINT);
      }
      if (uri.getRawPath() != null
          && !uri.getRawPath().isEmpty()
          && !"/".equals(uri.getRawPath())) {
        throw new VerifyException(
            "cp-image."
                + parameter
                + "="
                + url
                + " has a path; give the service's root URL, the check adds its own path"
                + HINT);
      }
      boolean tls = "https".equals(scheme);
      int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
      String username = "";
      String password = "";
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        username = parts[0];
        password = parts.length > 1 ? parts[1] : "";
      }
      String host = uri.getHost().replaceAll("^\\[|\\]$", "");
      return new Endpoint(tls, host, port, username, password);
    }

    private static final String HINT = ", e.g. https://user:password@schema-registry:8081";

    HttpReadiness configure(HttpReadiness check, VerifyTargets targets) {
      HttpReadiness configured = tls ? check.usingTls() : check;
      if (!username.isEmpty() || !password.isEmpty()) {
        configured = configured.withBasicAuth(username, password);
      }
      return configured.withTimeout(targets.timeout());
    }
  }
}
