package io.cpimage.maven;

import io.cpimage.verify.VerifyException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The verify-ready goal's parameters as the goal uses them: {@code <verify>}'s value, its {@code
 * -D} override (see {@link PropertyNames}) and its default meet here, once, when the goal starts.
 * Numbers are parsed when a mode reads them, so that a mode is not refused for the other's values.
 */
final class VerifyParameters {
  /** A running cluster's services: cub's own default. */
  private static final int CLUSTER_TIMEOUT_SECONDS = 40;

  /**
   * Smoke mode starts fresh JVMs: a Kafka 4 worker on JDK 25 took 50 s to answer on a loaded 2-core
   * machine.
   */
  private static final int SMOKE_TIMEOUT_SECONDS = 120;

  final boolean skip;
  final boolean smoke;
  final String zookeeper;
  final String bootstrapServers;
  private final String clientConfig;
  final String schemaRegistry;
  final String restProxy;
  final String connect;
  final String brokerImage;
  final Path reportFile;
  private final String expectedBrokers;
  private final String timeout;
  private final String logLines;
  private final Verify configured;

  VerifyParameters(Verify configured, File reportFile, boolean skip, Overrides overrides) {
    this.configured = configured;
    this.skip = overrides.bool(PropertyNames.VERIFY_SKIP, skip);
    // The build goal's report, where -Dcp-image.reportFile made the build write it.
    this.reportFile = Path.of(overrides.string(PropertyNames.REPORT_FILE, reportFile.getPath()));
    smoke = overrides.bool(PropertyNames.SMOKE, configured.smoke);
    zookeeper = overrides.string(PropertyNames.ZOOKEEPER, configured.zookeeper);
    bootstrapServers =
        overrides.string(PropertyNames.BOOTSTRAP_SERVERS, configured.bootstrapServers);
    clientConfig =
        overrides.string(
            PropertyNames.CLIENT_CONFIG,
            configured.clientConfig == null ? null : configured.clientConfig.getPath());
    schemaRegistry = overrides.string(PropertyNames.SCHEMA_REGISTRY, configured.schemaRegistry);
    restProxy = overrides.string(PropertyNames.REST_PROXY, configured.restProxy);
    connect = overrides.string(PropertyNames.CONNECT, configured.connect);
    brokerImage = overrides.string(PropertyNames.BROKER_IMAGE, configured.brokerImage);
    expectedBrokers = overrides.string(PropertyNames.EXPECTED_BROKERS, null);
    timeout = overrides.string(PropertyNames.TIMEOUT, null);
    logLines = overrides.string(PropertyNames.LOG_LINES, null);
  }

  int expectedBrokers() throws VerifyException {
    return number(PropertyNames.EXPECTED_BROKERS, expectedBrokers, configured.expectedBrokers);
  }

  int logLines() throws VerifyException {
    return number(PropertyNames.LOG_LINES, logLines, configured.logLines);
  }

  /** Each service's time to get ready in smoke mode. */
  Duration smokeTimeout() throws VerifyException {
    return timeout(SMOKE_TIMEOUT_SECONDS);
  }

  /** Each service's time to get ready in a running cluster. */
  Duration clusterTimeout() throws VerifyException {
    return timeout(CLUSTER_TIMEOUT_SECONDS);
  }

  private Duration timeout(int defaultSeconds) throws VerifyException {
    int seconds = configured.timeout == null ? defaultSeconds : configured.timeout;
    return Duration.ofSeconds(number(PropertyNames.TIMEOUT, timeout, seconds));
  }

  /** The Kafka client properties file, relative to the project directory {@code basedir}. */
  Path clientConfig(Path basedir) {
    return clientConfig == null ? null : basedir.resolve(Path.of(clientConfig));
  }

  private static int number(String property, String value, int configured) throws VerifyException {
    if (value == null) {
      return configured;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new VerifyException(
          property + "=" + value + " is not a whole number; give e.g. " + configured);
    }
  }
}
