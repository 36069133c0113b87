package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.Line;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * examples/another-jdk: a broker on the Temurin JDK the build packed, at /usr/lib/jvm/temurin,
 * instead of the base's JDK; the utility belt and the Kafka tools run on it without warnings.
 */
@ExtendWith(DockerRequired.class)
class AnotherJdkIT {
  private static final String JAVA_HOME = "/usr/lib/jvm/temurin";

  @BeforeAll
  static void exampleWasBuilt() {
    if (Boolean.getBoolean("examples.anotherJdk.skip")) {
      DockerRequired.skipOrFail(
          "examples/another-jdk was left out (-Dexamples.anotherJdk.skip=true): this machine has no"
              + " second JDK to pack (install a Temurin JDK under /usr/lib/jvm or set SECOND_JDK_HOME).");
    }
  }

  @Test
  void brokerRunsOnTheInstalledJdk() throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            CpContainer.kraftNode(Examples.image("another-jdk", Line.KAFKA_4), network, "kafka")) {
      kafka.start();

      Properties release = new Properties();
      release.load(new java.io.StringReader(kafka.run("cat", JAVA_HOME + "/release").getStdout()));
      String version = unquote(release.getProperty("JAVA_VERSION"));
      String build = unquote(release.getProperty("IMPLEMENTOR_VERSION"));
      assertEquals(
          "Eclipse Adoptium", unquote(release.getProperty("IMPLEMENTOR")), release::toString);

      ExecResult java = kafka.run("java", "-version");
      assertEquals(0, java.getExitCode(), java.getStderr());
      assertTrue(java.getStderr().contains("version \"" + version + "\""), java.getStderr());
      assertTrue(java.getStderr().contains(build), java.getStderr());
      assertEquals(JAVA_HOME, kafka.bash("echo $JAVA_HOME").getStdout().trim());

      assertEquals(
          JAVA_HOME + "/bin/java", kafka.run("readlink", "/proc/1/exe").getStdout().trim());
      String commandLine = kafka.bash("tr '\\0' ' ' < /proc/1/cmdline").getStdout();
      assertTrue(commandLine.startsWith(JAVA_HOME + "/bin/java "), commandLine);

      ExecResult ready = kafka.run("cub", "kafka-ready", "1", "30", "-b", "kafka:9092");
      assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());

      // The belt's class-data archive was dumped by the base's JDK: this one must drop it silently.
      ExecResult ensure = kafka.run("dub", "ensure", "JAVA_HOME");
      assertEquals(0, ensure.getExitCode(), ensure.getStderr());
      assertEquals("", ensure.getStdout() + ensure.getStderr());
      String rendered = kafka.run("cat", "/etc/kafka/kafka.properties").getStdout();
      assertTrue(rendered.contains("node.id=1"), rendered);
      assertFalse(rendered.toLowerCase().contains("warning"), rendered);
      assertFalse(rendered.contains("cds"), rendered);

      // zstd-jni loads a native library in the tool and in the broker: on Java 24+ each would warn
      // on stderr unless native access is granted.
      ExecResult produce =
          kafka.bash(
              "seq 1 100 | kafka-console-producer --bootstrap-server kafka:9092 --topic zstd"
                  + " --compression-codec zstd");
      assertEquals(0, produce.getExitCode(), produce.getStdout() + produce.getStderr());
      assertFalse(produce.getStderr().contains("WARNING:"), produce.getStderr());
      ExecResult consume =
          kafka.run(
              "kafka-console-consumer",
              "--bootstrap-server",
              "kafka:9092",
              "--topic",
              "zstd",
              "--from-beginning",
              "--max-messages",
              "100",
              "--timeout-ms",
              "30000");
      assertEquals(0, consume.getExitCode(), consume.getStderr());
      assertTrue(consume.getStdout().lines().anyMatch("100"::equals), consume.getStdout());
      String logs = kafka.getLogs();
      assertFalse(logs.contains("WARNING:"), logs);
    }
  }

  private static String unquote(String value) {
    return value == null ? null : value.replaceAll("^\"|\"$", "");
  }
}
