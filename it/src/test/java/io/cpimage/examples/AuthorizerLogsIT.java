package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.Line;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

/**
 * examples/authorizer-logs: a broker with an authorizer whose denials go to a file on a volume and
 * not to stdout, on both image lines (a log4j 1 template on 3.9, a log4j2 one on 4.x). alice, a
 * SASL user who is no super user, is refused a topic creation; admin's grants are logged too, at
 * the DEBUG level KAFKA_LOG4J_LOGGERS sets through the example's template.
 */
@ExtendWith(DockerRequired.class)
class AuthorizerLogsIT {
  private static final String LOGS = "/var/log/kafka-auth-logs";
  private static final String AUTH_LOG = LOGS + "/kafka-authorizer.log";

  @ParameterizedTest
  @EnumSource(Line.class)
  void denialsGoToTheFileOnTheVolumeAndNotToStdout(Line line) throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            CpContainer.kraftNode(Examples.image("authorizer-logs", line), network, "kafka")
                .withEnv(
                    "KAFKA_LISTENERS",
                    "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,SASL_PLAINTEXT://0.0.0.0:9095")
                .withEnv(
                    "KAFKA_ADVERTISED_LISTENERS",
                    "PLAINTEXT://kafka:9092,SASL_PLAINTEXT://kafka:9095")
                .withEnv(
                    "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                    "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
                .withEnv("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN")
                .withEnv(
                    "KAFKA_AUTHORIZER_CLASS_NAME",
                    "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // The controller and inter-broker listeners are PLAINTEXT: their principal is
                // ANONYMOUS, which must be allowed everything for the node to work at all.
                .withEnv("KAFKA_SUPER_USERS", "User:admin;User:ANONYMOUS")
                // The base's variable still reaches the example's template: grants are DEBUG.
                .withEnv("KAFKA_LOG4J_LOGGERS", "kafka.authorizer.logger=DEBUG")
                .withEnv(
                    "KAFKA_OPTS",
                    "-Djava.security.auth.login.config=/etc/kafka/secrets/broker_jaas.conf")
                .withCopyToContainer(
                    Transferable.of(
                        "KafkaServer {\n"
                            + "  org.apache.kafka.common.security.plain.PlainLoginModule required\n"
                            + "  user_admin=\"admin-secret\" user_alice=\"alice-secret\";\n};\n",
                        0644),
                    "/etc/kafka/secrets/broker_jaas.conf")
                .withCopyToContainer(client("admin", "admin-secret"), "/tmp/admin.properties")
                .withCopyToContainer(client("alice", "alice-secret"), "/tmp/alice.properties")) {
      kafka.start();

      List<String> volumes = kafka.volumes();
      assertTrue(volumes.contains(LOGS), LOGS + " is not a volume of the container: " + volumes);

      // The super user may: the listener and its credentials work.
      ExecResult admin = createTopic(kafka, "admin", "granted");
      assertEquals(0, admin.getExitCode(), admin.getStdout() + admin.getStderr());

      ExecResult alice = createTopic(kafka, "alice", "refused");
      assertNotEquals(0, alice.getExitCode(), "alice created a topic: " + alice.getStdout());
      assertTrue(
          alice.getStderr().contains("TopicAuthorizationException")
              || alice.getStdout().contains("TopicAuthorizationException"),
          alice.getStdout() + alice.getStderr());

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      String audit = authLog(kafka);
      while (!(audit.contains("User:alice") && audit.contains("Denied"))
          && System.nanoTime() < deadline) {
        Thread.sleep(250);
        audit = authLog(kafka);
      }
      assertTrue(
          audit.lines().anyMatch(l -> l.contains("User:alice") && l.contains("Denied")),
          "alice's denial is not in " + AUTH_LOG + ":\n" + audit);
      assertTrue(audit.contains("refused"), audit);
      assertTrue(
          audit.lines().anyMatch(l -> l.contains("User:admin") && l.contains("Allowed")),
          "admin's grant is not in " + AUTH_LOG + " (KAFKA_LOG4J_LOGGERS ignored?):\n" + audit);

      String stdout = kafka.getLogs();
      assertTrue(
          stdout.contains("Kafka Server started"), "the broker's own log left stdout:\n" + stdout);
      assertFalse(stdout.contains("User:alice"), "the denial is on stdout too:\n" + stdout);
      assertFalse(stdout.contains("Denied"), "an authorizer decision is on stdout:\n" + stdout);
      assertFalse(stdout.contains("Allowed"), "an authorizer decision is on stdout:\n" + stdout);
    }
  }

  private static ExecResult createTopic(CpContainer kafka, String user, String topic) {
    return kafka.run(
        "kafka-topics",
        "--bootstrap-server",
        "kafka:9095",
        "--command-config",
        "/tmp/" + user + ".properties",
        "--create",
        "--topic",
        topic);
  }

  private static String authLog(CpContainer kafka) {
    return kafka.bash("cat " + AUTH_LOG + " 2>/dev/null || true").getStdout();
  }

  private static Transferable client(String user, String password) {
    return Transferable.of(
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\""
            + user
            + "\" password=\""
            + password
            + "\";\n",
        0644);
  }
}
