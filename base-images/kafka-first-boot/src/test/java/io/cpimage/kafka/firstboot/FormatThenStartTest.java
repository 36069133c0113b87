package io.cpimage.kafka.firstboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Kafka's own storage tool (the 3.9 line) on real directories. */
class FormatThenStartTest {
  private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

  @TempDir Path work;
  private Path data;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void kraftNode() throws IOException {
    data = work.resolve("data");
    config = work.resolve("server.properties");
    Files.write(
        config,
        List.of(
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:9093",
            "controller.listener.names=CONTROLLER",
            "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
            "log.dirs=" + data));
    ProbeServer.reset();
  }

  @Test
  void formatsTheStorageThenRunsTheServerOnIt() throws Throwable {
    assertEquals(0, run(CLUSTER_ID));

    assertEquals(List.of(config.toString(), "--override", "a=b"), ProbeServer.args);
    assertTrue(ProbeServer.sawFormattedStorage, "the server ran before the storage was formatted");
    assertTrue(
        Files.readString(data.resolve("meta.properties")).contains("cluster.id=" + CLUSTER_ID));
  }

  @Test
  void leavesFormattedStorageAlone() throws Throwable {
    assertEquals(0, run(CLUSTER_ID));
    String formatted = Files.readString(data.resolve("meta.properties"));
    ProbeServer.reset();

    assertEquals(0, run(CLUSTER_ID));

    assertEquals(formatted, Files.readString(data.resolve("meta.properties")));
    assertTrue(ProbeServer.sawFormattedStorage);
  }

  @Test
  void aFailedFormatGivesTheFormattersMessageAndStartsNoServer() throws Throwable {
    Files.write(
        config, List.of("broker.id=1", "zookeeper.connect=127.0.0.1:2181", "log.dirs=" + data));

    assertEquals(1, run(CLUSTER_ID));

    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("legacy cluster"),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(null, ProbeServer.args);
    assertFalse(Files.exists(data.resolve("meta.properties")));
  }

  @Test
  void tooFewArgumentsSayHowToCallIt() throws Throwable {
    assertEquals(
        1,
        FormatThenStart.run(
            new String[] {CLUSTER_ID, ProbeServer.class.getName()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("USAGE: FormatThenStart"));
  }

  private int run(String clusterId) throws Throwable {
    return FormatThenStart.run(
        new String[] {
          clusterId, ProbeServer.class.getName(), config.toString(), "--override", "a=b"
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A server's main class that notes how it was started and what storage it found. */
  public static final class ProbeServer {
    static List<String> args;
    static boolean sawFormattedStorage;

    static void reset() {
      args = null;
      sawFormattedStorage = false;
    }

    public static void main(String[] args) {
      ProbeServer.args = List.of(args);
      sawFormattedStorage = Files.exists(dataOf(args[0]).resolve("meta.properties"));
    }

    private static Path dataOf(String config) {
      try {
        return Path.of(
            Files.readAllLines(Path.of(config)).stream()
                .filter(line -> line.startsWith("log.dirs="))
                .findFirst()
                .orElseThrow()
                .substring("log.dirs=".length()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
