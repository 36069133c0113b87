package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

/**
 * cp-base's boot step that reads {@code <PREFIX>_<NAME>_FILE} into {@code <PREFIX>_<NAME>}: the
 * secret reaches the rendered configuration but not the log, with {@code TRACE=true} too; a file
 * that is missing or unreadable, or the variable also set, stops the boot before configure.
 */
@ExtendWith(DockerRequired.class)
class SecretsFromFilesIT {
  private static final String SECRET = "s3cr3t-from-a-file";
  private static final String JAAS_CONFIG =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
          + SECRET
          + "\";";

  @Test
  void aSecretFileReachesTheConfigurationButNotTheTracedLog() {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            KafkaKRaftIT.combinedNode(Line.KAFKA_4, network, "secrets")
                .withEnv("TRACE", "true")
                .withEnv("KAFKA_SASL_JAAS_CONFIG_FILE", "/run/secrets/jaas")
                .withCopyToContainer(
                    Transferable.of(JAAS_CONFIG + "\n\n", 0644), "/run/secrets/jaas")) {
      kafka.start();
      ExecResult properties = kafka.run("cat", "/etc/kafka/kafka.properties");
      String logs = kafka.getLogs();

      // Trailing newlines are dropped, as command substitution (and Docker's official images) do.
      assertTrue(
          properties.getStdout().contains("sasl.jaas.config=" + JAAS_CONFIG + "\n"),
          properties.getStdout());
      assertFalse(properties.getStdout().contains("sasl.jaas.config.file"), properties.getStdout());
      assertTrue(logs.contains("+ dub_step template"), "TRACE=true traced nothing:\n" + logs);
      assertFalse(logs.contains(SECRET), logs);
    }
  }

  static Stream<Arguments> refusedSecretFiles() {
    return Stream.of(
        Arguments.of(
            Map.of("CONNECT_SASL_JAAS_CONFIG_FILE", "/run/secrets/missing"),
            "CONNECT_SASL_JAAS_CONFIG_FILE=/run/secrets/missing: there is no such file. Mount the"
                + " secret at that path or correct CONNECT_SASL_JAAS_CONFIG_FILE."),
        Arguments.of(
            Map.of("CONNECT_SSL_KEYSTORE_PASSWORD_FILE", "/etc/shadow"),
            "CONNECT_SSL_KEYSTORE_PASSWORD_FILE=/etc/shadow: not a file that user appuser (uid"
                + " 1000) can read. Make it readable by that user, or correct"
                + " CONNECT_SSL_KEYSTORE_PASSWORD_FILE."),
        Arguments.of(
            Map.of("CONNECT_SSL_KEYSTORE_PASSWORD_FILE", "/etc/confluent/docker"),
            "CONNECT_SSL_KEYSTORE_PASSWORD_FILE=/etc/confluent/docker: not a file that user"
                + " appuser (uid 1000) can read."),
        Arguments.of(
            Map.of(
                "CONNECT_SSL_KEYSTORE_PASSWORD", "in-the-environment",
                "CONNECT_SSL_KEYSTORE_PASSWORD_FILE", "/etc/hostname"),
            "Both CONNECT_SSL_KEYSTORE_PASSWORD and CONNECT_SSL_KEYSTORE_PASSWORD_FILE are set:"
                + " set only one (CONNECT_SSL_KEYSTORE_PASSWORD_FILE to read the value from a"
                + " file)."));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusedSecretFiles")
  void aRefusedSecretFileStopsTheBootBeforeConfigure(Map<String, String> env, String message) {
    OneShot.Result result = OneShot.of(Images.KAFKA_CONNECT, Line.KAFKA_4).env(env).run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(message), result.output());
    assertFalse(result.output().contains("===> Configuring"), result.output());
  }

  /** Settings whose own name ends in .file keep their value, a path the server reads itself. */
  @Test
  void aSettingNamedDotFileIsNotASecretFile() {
    OneShot.Result result =
        OneShot.of(Images.KAFKA_CONNECT, Line.KAFKA_4)
            .env("CONNECT_SASL_OAUTHBEARER_ASSERTION_FILE", "/run/secrets/missing-assertion")
            .env("CONNECT_PRODUCER_SSL_KEY_PASSWORD_FILE", "/run/secrets/key-password")
            .file("/run/secrets/key-password", "producer-key-password\n")
            .bash(
                ". /etc/confluent/docker/secrets-from-files && echo"
                    + " \"$CONNECT_SASL_OAUTHBEARER_ASSERTION_FILE|$CONNECT_PRODUCER_SSL_KEY_PASSWORD|${CONNECT_PRODUCER_SSL_KEY_PASSWORD_FILE-unset}\"")
            .run();

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(
        result.output().contains("/run/secrets/missing-assertion|producer-key-password|unset"),
        result.output());
  }
}
