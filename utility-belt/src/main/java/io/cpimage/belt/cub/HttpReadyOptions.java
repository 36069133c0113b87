package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments shared by the HTTP checks. {@code --ignore-cert} is ub's spelling of cub's {@code
 * --ignore_cert}.
 */
final class HttpReadyOptions {

  @Parameters(index = "0", paramLabel = "host", description = "Host name of the service.")
  String host;

  @Parameters(index = "1", paramLabel = "port", description = "Port of the service.")
  int port;

  @Parameters(index = "2", paramLabel = "timeout", description = "Seconds to wait.")
  private int timeoutSeconds;

  @Option(names = "--secure", description = "Use HTTPS.")
  private boolean secure;

  @Option(
      names = {"--ignore_cert", "--ignore-cert"},
      description = "Accept any server certificate (HTTPS).")
  private boolean ignoreCert;

  @Option(names = "--username", description = "User for HTTP Basic authentication.")
  private String username = "";

  @Option(names = "--password", description = "Password for HTTP Basic authentication.")
  private String password = "";

  /** The check configured by these options. */
  HttpReadiness configure(HttpReadiness check) {
    HttpReadiness configured =
        check
            .withBasicAuth(username, password)
            .withTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds)));
    if (secure) {
      configured = configured.usingTls();
    }
    if (ignoreCert) {
      configured = configured.allowInsecure();
    }
    return configured;
  }
}
