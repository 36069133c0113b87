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
import org.junit.jupiter.api.Test;
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
 * AppCDS archive on JDK 17): the KRaft node (and the formatting of its storage at its first boot),
 * the 3.9 line's ZooKeeper-mode broker, the Connect worker and {@code kafka-storage} load their
 * classes from them when nothing changed, and the launch drops a cache whose class path changed, so
 * that a replaced jar's new code runs (JDK 25 itself would keep serving the cached classes of the
 * old jar).
 */
@ExtendWith(DockerRequired.class)
class ServerStartupCacheIT {
  /** The JVM's own account of where each class came from; the server is PID 1 of its container. */
  private static final String CLASS_LOAD_LOG = "/tmp/class-load-1.log";

  private static final String PROBE_OUTPUT = "probe: the replacement class runs";

  /**
   * The server's start with the launch's default remote JMX options (its {@code export_jmx_opts}),
   * which the server's cache was trained with: without them JDK 25 refuses the cache itself,
   * whatever the jars, and a probe would run anyway.
   */
  private static final String SERVER_START_AS_LAUNCHED =
      ". /etc/confluent/docker/functions && export_jmx_opts"
          + " && exec kafka-server-start /etc/kafka/kafka.properties";

  private static final String KRAFT_PROPERTIES =
      "process.roles=broker,controller\nnode.id=1\ncontroller.quorum.voters=1@localhost:9093\n"
          + "controller.listener.names=CONTROLLER\n"
          + "listeners=PLAINTEXT://:9092,CONTROLLER://:9093\nlog.dirs=/tmp/data\n";

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
      // Its first boot formatted the storage in its JVM: the formatter's classes are cached too.
      assertFromCache(kafka, "io.cpimage.kafka.firstboot.FormatThenStart");
      assertFromCache(kafka, "kafka.tools.StorageTool");
      assertFromCache(worker, "org.apache.kafka.connect.cli.ConnectDistributed");
    }
  }

  /** The 3.9 line's archive was trained in ZooKeeper mode too, the mode its broker runs in here. */
  @Test
  void aZooKeeperModeBrokerLoadsItsClassesFromTheCache() {
    try (Network network = Network.newNetwork();
        CpContainer zookeeper =
            CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
                .on(network, "zookeeper")
                .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")
                .waitingForLog(".*binding to port.*", Duration.ofSeconds(60));
        CpContainer kafka =
            CpContainer.of(Images.KAFKA, Line.KAFKA_3)
                .on(network, "kafka")
                .withEnv("KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_OPTS", logClassLoads())
                .waitingForLog(".*\\[KafkaServer id=\\d+\\] started.*", Duration.ofSeconds(120))) {
      zookeeper.start();
      kafka.start();

      assertFromCache(kafka, "kafka.server.KafkaServer");
    }
  }

  /**
   * {@code kafka-storage format}, as a user's own ensure may run it (Confluent's does), starts from
   * a cache of its own.
   */
  @ParameterizedTest
  @EnumSource(Line.class)
  void theStorageFormatterLoadsItsClassesFromItsCache(Line line) {
    OneShot.Result result =
        OneShot.of(Images.KAFKA, line)
            .file("/tmp/server.properties", KRAFT_PROPERTIES)
            .env("KAFKA_OPTS", "-Xlog:class+load=info:file=/tmp/classes.log")
            .bash(
                "kafka-storage format -t MkU3OEVBNTcwNTJENDM2Qk -c /tmp/server.properties"
                    + " && grep -F 'kafka.tools.StorageTool source: ' /tmp/classes.log"
                    + " && echo \"from the cache: $(grep -c 'source: shared objects file'"
                    + " /tmp/classes.log)\"")
            .run();

    String output = result.output();
    assertEquals(0, result.exitCode(), output);
    assertTrue(output.contains("Formatting metadata directory /tmp/data"), output);
    assertTrue(output.contains("kafka.tools.StorageTool source: shared objects file"), output);
    int cached = Integer.parseInt(output.replaceAll("(?s).*from the cache: (\\d+).*", "$1"));
    assertTrue(cached > 1000, "classes from the cache: " + cached);
    assertFalse(output.contains("start-up cache"), output);
    assertFalse(output.matches("(?s).*\\[(warning|error) *\\]\\[(cds|aot).*"), output);
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void aReplacedJarDropsTheCacheAndItsNewCodeRuns(Line line, @TempDir Path work) {
    try (CpContainer kafka =
        CpContainer.of(Images.KAFKA, line)
            .withCopyToContainer(
                Transferable.of(probeJar(work, "kafka", "Kafka"), 0644), kafkaJar(line))
            .withCommand("bash", "-c", SERVER_START_AS_LAUNCHED)
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      kafka.start();

      assertDroppedAndProbeRan(kafka.getLogs(), "kafka-server", line);
    }
  }

  @ParameterizedTest
  @EnumSource(Line.class)
  void aReplacedJarDropsTheFormattersCacheAndItsNewCodeRuns(Line line, @TempDir Path work) {
    try (CpContainer kafka =
        CpContainer.of(Images.KAFKA, line)
            .withCopyToContainer(
                Transferable.of(probeJar(work, "kafka.tools", "StorageTool"), 0644), kafkaJar(line))
            .withCopyToContainer(Transferable.of(KRAFT_PROPERTIES, 0644), "/tmp/server.properties")
            .withCommand(
                "kafka-storage",
                "format",
                "-t",
                "MkU3OEVBNTcwNTJENDM2Qk",
                "-c",
                "/tmp/server.properties")
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      kafka.start();

      assertDroppedAndProbeRan(kafka.getLogs(), "kafka-storage", line);
    }
  }

  private static String kafkaJar(Line line) {
    return "/usr/share/java/kafka/kafka_2.13-" + line.kafkaVersion() + ".jar";
  }

  /**
   * The probe in place of Kafka's jar ran, and the launch said in one line why it dropped the
   * cache: the jar is not the one it was trained with.
   */
  private static void assertDroppedAndProbeRan(String logs, String cacheName, Line line) {
    String jar = kafkaJar(line).replace(".", "\\.");
    assertTrue(logs.contains(PROBE_OUTPUT), logs);
    List<String> reasons = logs.lines().filter(l -> l.contains("start-up cache")).toList();
    assertEquals(1, reasons.size(), logs);
    assertTrue(
        reasons
            .get(0)
            .matches(
                cacheName
                    + ": start-up cache /usr/lib/cp-image/aot/"
                    + cacheName
                    + "\\.(aot|jsa) not used: the JVM or the class path changed since the image was"
                    + " built \\(trained with '"
                    + jar
                    + " \\d+ \\d+ regular file', now '"
                    + jar
                    + " \\d+ \\d+ regular file'\\)"),
        reasons.get(0));
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
   * A jar that holds only a class of its own by the name of one of Kafka's main classes, which
   * prints {@link #PROBE_OUTPUT}: in place of Kafka's jar, it runs only if the class does not come
   * from the cache.
   */
  private static byte[] probeJar(Path work, String packageName, String className) {
    try {
      String directory = packageName.replace('.', '/');
      Path source =
          Files.createDirectories(work.resolve("src").resolve(directory))
              .resolve(className + ".java");
      Files.writeString(
          source,
          "package "
              + packageName
              + ";\n"
              + "public final class "
              + className
              + " {\n"
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
      String entry = directory + "/" + className + ".class";
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JarOutputStream out = new JarOutputStream(bytes)) {
        out.putNextEntry(new JarEntry(entry));
        out.write(Files.readAllBytes(classes.resolve(entry)));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
