package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * examples/jvm-logs: a broker whose GC log and heap-dump settings point at a volume, on both image
 * lines (JDK 17 and JDK 25).
 */
@ExtendWith(DockerRequired.class)
class JvmLogsIT {
  private static final String LOGS = "/var/log/jvm-logs";

  @ParameterizedTest
  @EnumSource(Line.class)
  void gcLogGrowsOnTheVolumeAndHeapDumpsAreConfigured(Line line) throws Exception {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            CpContainer.kraftNode(Examples.image("jvm-logs", line), network, "kafka")
                // The example's heap, not the test helper's default.
                .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx256m")) {
      kafka.start();

      List<String> volumes = kafka.volumes();
      assertTrue(volumes.contains(LOGS), LOGS + " is not a volume of the container: " + volumes);

      String commandLine = kafka.run("bash", "-c", "tr '\\0' ' ' < /proc/1/cmdline").getStdout();
      assertTrue(commandLine.contains("-XX:+HeapDumpOnOutOfMemoryError"), commandLine);
      assertTrue(commandLine.contains("-XX:HeapDumpPath=" + LOGS), commandLine);
      assertTrue(commandLine.contains("-Xlog:gc*:file=" + LOGS + "/gc.log"), commandLine);

      long before = gcLogSize(kafka);
      assertTrue(before > 0, "no GC log in " + LOGS + ": " + kafka.bash("ls -l " + LOGS));
      // 200 MB of records through a broker with a 256 MB heap fill its young generation: GCs.
      // The producer is a tool: it must not write (or rotate) the broker's GC log.
      ExecResult load =
          kafka.bash(
              "yes \"$(head -c 1000 /dev/zero | tr '\\0' x)\" | head -n 200000"
                  + " | kafka-console-producer --bootstrap-server kafka:9092 --topic load");
      assertEquals(0, load.getExitCode(), load.getStdout() + load.getStderr());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (gcLogSize(kafka) <= before && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      String log = kafka.bash("cat " + LOGS + "/gc.log").getStdout();
      assertTrue(gcLogSize(kafka) > before, "the GC log did not grow under load:\n" + log);
      assertTrue(log.contains("Pause Young"), log);
      assertTrue(log.contains("Using G1"), "not the broker's log from its start:\n" + log);
    }
  }

  private static long gcLogSize(CpContainer kafka) {
    String size = kafka.bash("stat -c %s " + LOGS + "/gc.log 2>/dev/null || echo 0").getStdout();
    return Long.parseLong(size.trim());
  }
}
