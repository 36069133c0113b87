package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cpimage.belt.testing.CubRun;
import io.cpimage.belt.testing.EmbeddedKafka;
import io.cpimage.belt.testing.EmbeddedZooKeeper;
import io.cpimage.belt.testing.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cub calls skip picocli, and that they end exactly as picocli's would. */
class ShortcutTest {

  private static int shortcut(String... args) {
    return Shortcut.run(
        Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }

  /** Exit code, stdout and stderr of one run, the shortcut's or picocli's. */
  private record Ending(int exitCode, String out, String err) {}

  private static Ending byShortcut(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Shortcut.run(Map.of(), new PrintWriter(out), new PrintWriter(err), args);
    return new Ending(code, out.toString(), err.toString());
  }

  private static Ending byPicocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cub.parsed(Map.of(), new PrintWriter(out), new PrintWriter(err), args);
    return new Ending(code, out.toString(), err.toString());
  }

  /** The shortcut takes {@code args} and ends as picocli ends the very same arguments. */
  private static void assertEndsAsPicocli(int exitCode, String... args) {
    Ending shortcut = byShortcut(args);
    String call = String.join(" ", args);
    assertEquals(exitCode, shortcut.exitCode(), () -> call + ": " + shortcut);
    assertEquals(byPicocli(args), shortcut, call);
  }

  @Test
  void theBootScriptsPlainCallsSkipPicocli() throws Exception {
    try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start()) {
      assertEquals(0, shortcut("zk-ready", zooKeeper.connectString(), "10"));
    }
    String closed = "127.0.0.1:" + FreePort.closed();
    assertEquals(1, shortcut("kafka-ready", "1", "0", "-b", closed));
    assertEquals(1, shortcut("kafka-ready", "1", "0", "-b", closed, "--config", "/no/such/file"));
    // The config before the servers, as picocli takes them too.
    assertEquals(1, shortcut("kafka-ready", "1", "0", "-c", "/no/such/file", "-b", closed));
    assertEquals(0, shortcut("listeners", "PLAINTEXT://kafka:9092"));
  }

  @Test
  void optionsHelpArgumentFilesAndOtherNumbersGoToPicocli() {
    assertEquals(Shortcut.NOT_TAKEN, shortcut());
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "-1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "1e3"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "+5"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "0x10"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "1", "extra"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "-h", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "zk:2181", "1", "--help"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "@args", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("zk-ready", "--", "zk:2181", "1"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-z", "zk:2181"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "--bootstrap-servers", "k:9092"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-bk:9092"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b=k:9092"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "k:9092", "-s", "SSL"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-c", "c.props", "-c", "c.props"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-c", "c.props", "-x", "k"));
    assertEquals(
        Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "k:9092", "--config=c.props"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "k:9092", "-c"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "-c", "c.props"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "40", "-b", "k:9092", "k2:9092"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("kafka-ready", "1", "9999999999", "-b", "k:9092"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("listeners", "--help"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("listeners", "PLAINTEXT://k:9092", "extra"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut("sr-ready", "sr", "8081", "1"));
  }

  /**
   * Each form the shortcut takes, with the answers a check can get (ready, not ready, a bad
   * address, a missing or bad config file) and the numbers picocli's int converter reads alike
   * (leading zeros): the same exit code, stdout and stderr as picocli's parse of the same
   * arguments.
   */
  @Test
  void everyFormTheShortcutTakesEndsAsPicocliEndsIt(@TempDir Path dir) throws Exception {
    Path badProtocol = Files.writeString(dir.resolve("bad.properties"), "security.protocol=NONE\n");
    Path badEscape = Files.writeString(dir.resolve("escape.properties"), "a=\\uZZZZ\n");
    String closed = "127.0.0.1:" + FreePort.closed();
    try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start();
        EmbeddedKafka kafka = EmbeddedKafka.start(zooKeeper.connectString(), 1, Map.of())) {
      String zk = zooKeeper.connectString();
      String broker = kafka.bootstrapServers("PLAINTEXT");

      assertEndsAsPicocli(0, "zk-ready", zk, "10");
      assertEndsAsPicocli(0, "zk-ready", zk, "010");
      assertEndsAsPicocli(0, "zk-ready", zk + "/", "10");
      assertEndsAsPicocli(1, "zk-ready", closed, "0");
      assertEndsAsPicocli(1, "zk-ready", closed, "000000000");
      assertEndsAsPicocli(1, "zk-ready", "host:port", "0");
      assertEndsAsPicocli(1, "zk-ready", ",", "0");
      assertEndsAsPicocli(1, "zk-ready", zk + "/a//b", "10");
      // A connect string that is another verb's name is still the connect string.
      assertEndsAsPicocli(1, "zk-ready", "127.0.0.1:" + FreePort.closed() + ",kafka-ready", "0");

      assertEndsAsPicocli(0, "kafka-ready", "1", "10", "-b", broker);
      assertEndsAsPicocli(0, "kafka-ready", "01", "10", "-b", broker);
      assertEndsAsPicocli(1, "kafka-ready", "2", "1", "-b", broker);
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", closed);
      assertEndsAsPicocli(2, "kafka-ready", "0", "10", "-b", broker);
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", "no-port");
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", "localhost:99999");
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", closed, "-c", "/no/such/file");
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", closed, "--config", dir.toString());
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", closed, "-c", badProtocol.toString());
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-b", closed, "-c", badEscape.toString());
      assertEndsAsPicocli(1, "kafka-ready", "1", "0", "-c", "/no/such/file", "-b", closed);
      assertEndsAsPicocli(
          1, "kafka-ready", "1", "0", "--config", badProtocol.toString(), "-b", closed);

      assertEndsAsPicocli(0, "listeners", "PLAINTEXT://kafka:9092,SSL://[::1]:9093");
      assertEndsAsPicocli(0, "listeners", "no-listener");
    }
  }

  /**
   * What picocli parses beside the shortcut's forms (long options, the servers after the numbers,
   * {@code --config=}) ends as the shortcut's form of the same call does.
   */
  @Test
  void theSameCallInAnotherFormEndsAsTheShortcutsForm(@TempDir Path dir) throws Exception {
    Path badProtocol = Files.writeString(dir.resolve("bad.properties"), "security.protocol=NONE\n");
    String closed = "127.0.0.1:" + FreePort.closed();
    String config = badProtocol.toString();

    assertSameEnding(args("zk-ready", closed, "0"), args("zk-ready", "--", closed, "0"));
    assertSameEnding(
        args("kafka-ready", "0", "0", "-b", closed),
        args("kafka-ready", "0", "0", "--bootstrap-servers", closed));
    assertSameEnding(
        args("kafka-ready", "1", "0", "-b", closed), args("kafka-ready", "-b", closed, "1", "0"));
    assertSameEnding(
        args("kafka-ready", "1", "0", "-b", closed, "-c", "/no/such/file"),
        args("kafka-ready", "1", "0", "--bootstrap-servers", closed, "--config", "/no/such/file"));
    assertSameEnding(
        args("kafka-ready", "1", "0", "-b", closed, "-c", config),
        args("kafka-ready", "1", "0", "-c", config, "-b", closed));
    assertSameEnding(
        args("kafka-ready", "1", "0", "-b", closed, "--config", config),
        args("kafka-ready", "1", "0", "-b", closed, "--config=" + config));
  }

  private static String[] args(String... args) {
    return args;
  }

  /** {@code plain} is a shortcut's form; cub ends {@code other} as the shortcut ends it. */
  private static void assertSameEnding(String[] plain, String[] other) {
    Ending shortcut = byShortcut(plain);
    assertNotEquals(Shortcut.NOT_TAKEN, shortcut.exitCode(), String.join(" ", plain));
    CubRun parsed = cub(other);
    assertEquals(
        shortcut,
        new Ending(parsed.exitCode(), parsed.out(), parsed.err()),
        String.join(" ", other));
  }

  /** Usage errors (cub has no help flag: {@code --help} is one) read as picocli prints them. */
  @Test
  void usageErrorsAndUnknownHelpFlagsEndAsPicocliEndsThem() {
    String[][] forms = {
      {"zk-ready", "zk:2181", "ten"},
      {"zk-ready", "zk:2181", "9999999999"},
      {"zk-ready", "zk:2181", "1", "extra"},
      {"zk-ready", "zk:2181", "1", "--help"},
      {"kafka-ready", "1", "40", "-b", "k:9092", "extra"},
      {"kafka-ready", "1", "40", "-b", "k:9092", "-z", "zk:2181"},
      {"kafka-ready", "1", "40", "-b", "-c", "c.props"},
      {"kafka-ready", "1", "40", "-b", "k:9092", "-c"},
      {"listeners", "--help"},
    };
    for (String[] form : forms) {
      CubRun run = cub(form);
      Ending parsed = byPicocli(form);
      String call = String.join(" ", form);
      assertEquals(2, run.exitCode(), () -> call + ": " + run);
      assertEquals(parsed, new Ending(run.exitCode(), run.out(), run.err()), call);
    }
  }
}
