package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;

/**
 * The servers' start-up caches, trained when the images were built (an AOT cache on JDK 25, an
 * AppCDS archive on JDK 17): the KRaft node and the Connect worker load their classes from them
 * when nothing changed, and the launch drops a cache whose class path changed, so that a replaced
 * jar's new code runs (JDK 25 itself would keep serving the cached classes of the old jar).
 */
@ExtendWith(DockerRequired.class)
class ServerStartupCacheIT {
  /** The JVM's own account of where each class came from; the server is PID 1 of its container. */
  private static final String CLASS_LOAD_LOG = "/tmp/class-load-1.log";

  private static final String PROBE_OUTPUT = "probe: the replacement kafka.Kafka runs";

  @ParameterizedTest
  @EnumSource(Line.class)
  void nodeAndWorkerLoadTheirClassesFromTheirCaches(Line line) {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            KafkaKRaftIT.combinedNode(line, network, "kafka")
                .withEnv("KAFKA_OPTS", logClassLoads());
        CpContainer worker =
            CpContainer.of(Images.KAFKA_CONNECT, line)
                .on(network, "connect")
                .withEnv("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092")
                .withEnv("CONNECT_GROUP_ID", "cache")
                .withEnv("CONNECT_CONFIG_STORAGE_TOPIC", "cache.config")
                .withEnv("CONNECT_OFFSET_STORAGE_TOPIC", "cache.offsets")
                .withEnv("CONNECT_STATUS_STORAGE_TOPIC", "cache.status")
                .withEnv("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
                .withEnv("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1")
                .withEnv("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1")
                .withEnv("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .withEnv("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter")
                .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "connect")
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
                .withEnv("KAFKA_OPTS", logClassLoads())
                .waitingForLog(".*Kafka Connect started.*", Duration.ofSeconds(240))) {
      kafka.start();
      worker.start();

      assertFromCache(kafka, "kafka.Kafka");
      assertFromCache(worker, "org.apache.kafka.connect.cli.ConnectDistributed");
    }
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void aReplacedJarDropsTheCacheAndItsNewCodeRuns(Line line, @TempDir Path work) {
    String jar = "kafka_2.13-" + line.kafkaVersion() + ".jar";
    try (CpContainer kafka =
        CpContainer.of(Images.KAFKA, line)
            .withCopyToContainer(
                Transferable.of(probeJar(work), 0644), "/usr/share/java/kafka/" + jar)
            .withCommand("kafka-server-start", "/etc/kafka/kafka.properties")
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      kafka.start();
      String logs = kafka.getLogs();

      assertTrue(logs.contains(PROBE_OUTPUT), logs);
      List<String> reasons = logs.lines().filter(l -> l.contains("start-up cache")).toList();
      assertEquals(1, reasons.size(), logs);
      assertTrue(
          reasons
              .get(0)
              .matches(
                  "kafka-server: start-up cache /usr/lib/cp-image/aot/kafka-server\\.(aot|jsa) not"
                      + " used: the JVM or the class path changed since the image was built"
                      + " \\(trained with '/usr/share/java/kafka/"
                      + jar.replace(".", "\\.")
                      + " \\d+ 1 regular file', now '/usr/share/java/kafka/"
                      + jar.replace(".", "\\.")
                      + " \\d+ \\d+ regular file'\\)"),
          reasons.get(0));
    }
  }

  /** The JVM logs every class it loads and its source (the cache or a jar) to a file. */
  private static String logClassLoads() {
    return "-Xlog:class+load=info:file=/tmp/class-load-%p.log";
  }

  /**
   * The server's main class came from the cache, as did thousands of others, and its output has no
   * word about the cache: neither the launch's nor a JVM warning.
   */
  private static void assertFromCache(CpContainer server, String mainClass) {
    ExecResult main = server.run("grep", "-F", mainClass + " source: ", CLASS_LOAD_LOG);
    assertTrue(main.getStdout().contains("source: shared objects file"), main.toString());
    ExecResult cached = server.run("grep", "-c", "source: shared objects file", CLASS_LOAD_LOG);
    assertTrue(
        Integer.parseInt(cached.getStdout().trim()) > 1000,
        "classes from the cache: " + cached.getStdout());
    String logs = server.getLogs();
    assertFalse(logs.contains("start-up cache"), logs);
    assertFalse(logs.matches("(?s).*\\[(warning|error) *\\]\\[(cds|aot).*"), logs);
  }

  /**
   * A jar that holds only a {@code kafka.Kafka} of its own, which prints {@link #PROBE_OUTPUT}: in
   * place of Kafka's jar, it runs only if the class does not come from the cache.
   */
  private static byte[] probeJar(Path work) {
    try {
      Path source = Files.createDirectories(work.resolve("src/kafka")).resolve("Kafka.java");
      Files.writeString(
          source,
          "package kafka;\n"
              + "public final class Kafka {\n"
              + "  public static void main(String[] args) {\n"
              + "    System.out.println(\""
              + PROBE_OUTPUT
              + "\");\n"
              + "  }\n"
              + "}\n");
      Path classes = Files.createDirectories(work.resolve("classes"));
      int compiled =
          ToolProvider.getSystemJavaCompiler()
              .run(
                  null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
      assertEquals(0, compiled, "javac of the probe");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JarOutputStream out = new JarOutputStream(bytes)) {
        out.putNextEntry(new JarEntry("kafka/Kafka.class"));
        out.write(Files.readAllBytes(classes.resolve("kafka/Kafka.class")));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
