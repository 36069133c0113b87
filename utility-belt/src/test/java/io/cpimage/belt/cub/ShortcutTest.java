package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which cub calls skip picocli, and that they end exactly as picocli's would. */
class ShortcutTest {

  private static int shortcut(String... args) {
    return Shortcut.run(
        Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }

  @Test
  void theBootScriptsPlainCallsSkipPicocli() throws Exception {
    try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start()) {
      assertEquals(0, shortcut("zk-ready", zooKeeper.connectString(), "10"));
    }
    String closed = "127.0.0.1:" + FreePort.closed();
    assertEquals(1, shortcut("kafka-ready", "1", "0", "-b", closed));
    assertEquals(1, shortcut("kafka-ready", "1", "0", "-b", closed, "--config", "/no/such/file"));
    assertEquals(0, shortcut("listeners", "PLAINTEXT://kafka:9092"));
  }

  @Test
  void optionsHelpArgumentFilesAndOtherNumbersGoToPicocli() {
    assertEquals(Shortcut.NOT_TAKEN, shortcut());
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "-1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "1e3"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "-h", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "@args", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-z", "zk:2181"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "--bootstrap-servers", "k:9092"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "k:9092", "-s", "SSL"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "9999999999", "-b", "k:9092"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("listeners", "--help"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("sr-ready", "sr", "8081", "1"));
  }

  @Test
  void aShortcutEndsAsTheSameCheckThroughPicocliDoes() throws Exception {
    String closed = "127.0.0.1:" + FreePort.closed();
    // The long option forms are not shortcuts: picocli parses them.
    assertEquals(cub("zk-ready", closed, "0").err(), cub("zk-ready", closed, "0", "--").err());
    CubRun plain = cub("kafka-ready", "0", "0", "-b", closed);
    CubRun parsed = cub("kafka-ready", "0", "0", "--bootstrap-servers", closed);
    assertEquals(2, plain.exitCode(), plain::toString);
    assertEquals(parsed.exitCode(), plain.exitCode());
    assertEquals(parsed.err(), plain.err());
    CubRun missingConfig = cub("kafka-ready", "1", "0", "-b", closed, "-c", "/no/such/file");
    CubRun missingConfigParsed =
        cub("kafka-ready", "1", "0", "--bootstrap-servers", closed, "--config", "/no/such/file");
    assertEquals(missingConfigParsed.exitCode(), missingConfig.exitCode());
    assertEquals(missingConfigParsed.err(), missingConfig.err());
  }
}
