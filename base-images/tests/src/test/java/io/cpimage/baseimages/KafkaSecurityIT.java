package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * An SSL listener configured through Confluent's secret helper variables, and a SASL_PLAINTEXT
 * (PLAIN) listener with a JAAS file in KAFKA_OPTS, on one KRaft node; kafka-ready connects to each
 * with a client configuration. Keystores are made by this test with the JDK's keytool. On the Kafka
 * 4 line: the listener and secret steps of configure are the lines' shared kafka-functions, whose
 * 3.9 renderings {@link KafkaConfigurationIT} checks.
 */
@ExtendWith(DockerRequired.class)
class KafkaSecurityIT {
  private static final String SECRETS = "/etc/kafka/secrets/";
  private static final String KEYSTORE_PASSWORD = "keystore-s3cret";
  private static final String TRUSTSTORE_PASSWORD = "truststore-s3cret";
  private static Network network;
  private static CpContainer kafka;

  @BeforeAll
  static void startSecuredBroker(@TempDir Path dir) throws IOException, InterruptedException {
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=secure",
        "-ext",
        "SAN=dns:secure,dns:localhost",
        "-keystore",
        "broker.keystore.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        KEYSTORE_PASSWORD);
    keytool(
        dir,
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        "broker.keystore.p12",
        "-storepass",
        KEYSTORE_PASSWORD,
        "-file",
        "broker.crt");
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        "broker.crt",
        "-keystore",
        "broker.truststore.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        TRUSTSTORE_PASSWORD);

    network = Network.newNetwork();
    kafka =
        KafkaKRaftIT.combinedNode(Line.KAFKA_4, network, "secure")
            .withEnv(
                "KAFKA_LISTENERS",
                "CONTROLLER://0.0.0.0:9093,SSL://0.0.0.0:9094,SASL_PLAINTEXT://0.0.0.0:9095")
            .withEnv("KAFKA_ADVERTISED_LISTENERS", "SSL://secure:9094,SASL_PLAINTEXT://secure:9095")
            .withEnv(
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                "CONTROLLER:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT")
            .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "SSL")
            .withEnv("KAFKA_SSL_CLIENT_AUTH", "requested")
            .withEnv("KAFKA_SSL_KEYSTORE_FILENAME", "broker.keystore.p12")
            .withEnv("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12")
            .withEnv("KAFKA_SSL_KEYSTORE_CREDENTIALS", "broker_keystore_creds")
            .withEnv("KAFKA_SSL_KEY_CREDENTIALS", "broker_key_creds")
            .withEnv("KAFKA_SSL_TRUSTSTORE_FILENAME", "broker.truststore.p12")
            .withEnv("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
            .withEnv("KAFKA_SSL_TRUSTSTORE_CREDENTIALS", "broker_truststore_creds")
            .withEnv("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN")
            .withEnv(
                "KAFKA_OPTS", "-Djava.security.auth.login.config=" + SECRETS + "broker_jaas.conf")
            .withCopyToContainer(
                MountableFile.forHostPath(dir.resolve("broker.keystore.p12"), 0644),
                SECRETS + "broker.keystore.p12")
            .withCopyToContainer(
                MountableFile.forHostPath(dir.resolve("broker.truststore.p12"), 0644),
                SECRETS + "broker.truststore.p12")
            .withCopyToContainer(
                Transferable.of(KEYSTORE_PASSWORD, 0644), SECRETS + "broker_keystore_creds")
            .withCopyToContainer(
                Transferable.of(KEYSTORE_PASSWORD, 0644), SECRETS + "broker_key_creds")
            .withCopyToContainer(
                Transferable.of(TRUSTSTORE_PASSWORD, 0644), SECRETS + "broker_truststore_creds")
            .withCopyToContainer(
                Transferable.of(
                    "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n"
                        + "  username=\"admin\" password=\"admin-secret\"\n"
                        + "  user_admin=\"admin-secret\" user_alice=\"alice-secret\";\n};\n",
                    0644),
                SECRETS + "broker_jaas.conf")
            .withCopyToContainer(
                Transferable.of(
                    "security.protocol=SSL\nssl.truststore.type=PKCS12\n"
                        + "ssl.truststore.location="
                        + SECRETS
                        + "broker.truststore.p12\n"
                        + "ssl.truststore.password="
                        + TRUSTSTORE_PASSWORD
                        + "\n",
                    0644),
                "/tmp/ssl-client.properties")
            .withCopyToContainer(saslClient("alice-secret"), "/tmp/sasl-client.properties")
            .withCopyToContainer(saslClient("wrong-password"), "/tmp/sasl-wrong-client.properties");
    kafka.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void sslListenerIsReadyForAClientThatTrustsTheBroker() {
    ExecResult ready =
        kafka.run(
            "cub",
            "kafka-ready",
            "1",
            "60",
            "-b",
            "secure:9094",
            "-c",
            "/tmp/ssl-client.properties");

    assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }

  @Test
  void saslPlaintextListenerIsReadyForAUserWithItsPassword() {
    ExecResult ready =
        kafka.run(
            "cub",
            "kafka-ready",
            "1",
            "60",
            "-b",
            "secure:9095",
            "-c",
            "/tmp/sasl-client.properties");

    assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }

  @Test
  void saslPlaintextListenerRefusesAWrongPassword() {
    ExecResult ready =
        kafka.run(
            "cub",
            "kafka-ready",
            "1",
            "10",
            "-b",
            "secure:9095",
            "-c",
            "/tmp/sasl-wrong-client.properties");

    assertEquals(1, ready.getExitCode(), ready.getStdout() + ready.getStderr());
  }

  /** The passwords reach the broker through the credential files, never through its log. */
  @Test
  void logsNeverShowTheSecrets() {
    String logs = kafka.getLogs();

    assertFalse(logs.contains(KEYSTORE_PASSWORD), "the keystore password is in the log");
    assertFalse(logs.contains(TRUSTSTORE_PASSWORD), "the truststore password is in the log");
    assertFalse(logs.contains("admin-secret"), "a JAAS password is in the log");
    assertFalse(logs.contains("alice-secret"), "a JAAS user's password is in the log");
    assertFalse(logs.contains("PlainLoginModule"), "the JAAS file's content is in the log");
    assertFalse(logs.contains("user_alice"), "the JAAS file's content is in the log");
  }

  private static Transferable saslClient(String password) {
    return Transferable.of(
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"alice\" password=\""
            + password
            + "\";\n",
        0644);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
