package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * cp-zookeeper (Kafka 3.9 line only): Confluent's failing-config, config, random-user and ensemble
 * scenarios.
 */
@ExtendWith(DockerRequired.class)
class ZooKeeperIT {
  private static final String CONFIGURE_AND_PRINT =
      "/etc/confluent/docker/configure && "
          + RenderedFiles.printCommand(
              "/etc/kafka/zookeeper.properties",
              "/etc/kafka/log4j.properties",
              "/etc/kafka/tools-log4j.properties");

  @Test
  void failingConfigWithoutAClientPort() {
    OneShot.Result result = OneShot.of(Images.ZOOKEEPER, Line.KAFKA_3).run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains("one of (ZOOKEEPER_CLIENT_PORT,ZOOKEEPER_SECURE_CLIENT_PORT) is required."),
        result.output());
  }

  @Test
  void failingConfigEnsembleMemberWithoutAnId() {
    OneShot.Result result =
        OneShot.of(Images.ZOOKEEPER, Line.KAFKA_3)
            .env("ZOOKEEPER_CLIENT_PORT", "2181")
            .env("ZOOKEEPER_SERVERS", "abc:111:111")
            .run();

    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains("ZOOKEEPER_SERVER_ID is required."), result.output());
  }

  @Test
  void defaultConfig() {
    OneShot.Result result =
        OneShot.of(Images.ZOOKEEPER, Line.KAFKA_3)
            .env("ZOOKEEPER_CLIENT_PORT", "2181")
            .bash(CONFIGURE_AND_PRINT)
            .run();

    RenderedFiles files = RenderedFiles.printedBy(result);
    files.assertGolden("/etc/kafka/zookeeper.properties", "zookeeper-default.properties");
    files.assertGolden("/etc/kafka/log4j.properties", "zookeeper-default-log4j.properties");
    files.assertGolden("/etc/kafka/tools-log4j.properties", "tools-default-log4j.properties");
  }

  /** Confluent's full config plus its kitchen-sink's unknown variables, which render nothing. */
  @Test
  void fullConfigWritesTheIdFileAndIgnoresUnknownVariables() {
    OneShot.Result result =
        OneShot.of(Images.ZOOKEEPER, Line.KAFKA_3)
            .env("ZOOKEEPER_SERVER_ID", "1")
            .env("ZOOKEEPER_CLIENT_PORT", "22181")
            .env("ZOOKEEPER_TICK_TIME", "5555")
            .env("ZOOKEEPER_INIT_LIMIT", "25")
            .env("ZOOKEEPER_SYNC_LIMIT", "20")
            .env("ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS", "false")
            .env("ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL", "2")
            .env("ZOOKEEPER_AUTOPURGE_SNAP_RETAIN_COUNT", "4")
            .env("ZOOKEEPER_AUTO_PURGE_INTERVAL", "7")
            .env("ZOOKEEPER_SNAP_RETAIN_COUNT", "8")
            .env("ZOOKEEPER_LOG4J_LOGGERS", "zookeeper.foo.bar=DEBUG")
            .env("ZOOKEEPER_LOG4J_ROOT_LOGLEVEL", "WARN")
            .env("ZOOKEEPER_TOOLS_LOG4J_LOGLEVEL", "ERROR")
            .bash(CONFIGURE_AND_PRINT + " /var/lib/zookeeper/data/myid")
            .run();

    RenderedFiles files = RenderedFiles.printedBy(result);
    files.assertGolden("/etc/kafka/zookeeper.properties", "zookeeper-full.properties");
    files.assertGolden("/etc/kafka/log4j.properties", "zookeeper-full-log4j.properties");
    files.assertGolden("/etc/kafka/tools-log4j.properties", "tools-full-log4j.properties");
    assertEquals(List.of("1"), files.of("/var/lib/zookeeper/data/myid"));
  }

  @Test
  void runsAsAnArbitraryUser() {
    try (Network network = Network.newNetwork();
        CpContainer zookeeper =
            CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
                .on(network, "random-user")
                .asUser("12345")
                .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")) {
      zookeeper.start();

      ExecResult ready = zookeeper.run("cub", "zk-ready", "localhost:2181", "30");
      assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
      assertEquals("12345", zookeeper.run("id", "-u").getStdout().strip());
    }
  }

  @Test
  void ensembleOfThreeElectsOneLeader() throws InterruptedException {
    String servers = "zookeeper-1:2888:3888;zookeeper-2:2888:3888;zookeeper-3:2888:3888";
    List<CpContainer> ensemble = new ArrayList<>();
    try (Network network = Network.newNetwork()) {
      for (int id = 1; id <= 3; id++) {
        ensemble.add(
            CpContainer.of(Images.ZOOKEEPER, Line.KAFKA_3)
                .on(network, "zookeeper-" + id)
                .withEnv("ZOOKEEPER_SERVER_ID", String.valueOf(id))
                .withEnv("ZOOKEEPER_CLIENT_PORT", "2181")
                .withEnv("ZOOKEEPER_SERVERS", servers)
                .withEnv("ZOOKEEPER_INIT_LIMIT", "5")
                .withEnv("ZOOKEEPER_SYNC_LIMIT", "2"));
      }
      try {
        Startables.deepStart(ensemble).join();

        List<String> modes = new ArrayList<>();
        for (CpContainer member : ensemble) {
          ExecResult ready = member.run("cub", "zk-ready", "localhost:2181", "60");
          assertEquals(0, ready.getExitCode(), ready.getStdout() + ready.getStderr());
          modes.add(modeOf(member));
        }
        modes.sort(null);
        assertEquals(List.of("follower", "follower", "leader"), modes);
      } finally {
        ensemble.forEach(CpContainer::stop);
      }
    }
  }

  /**
   * The member's role, from the {@code srvr} four-letter command (ZooKeeper's default whitelist).
   */
  private static String modeOf(CpContainer member) throws InterruptedException {
    Pattern mode = Pattern.compile("Mode: (\\w+)");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String output = "";
    while (Instant.now().isBefore(deadline)) {
      output = member.bash("printf srvr | nc -w 5 localhost 2181").getStdout();
      Matcher matcher = mode.matcher(output);
      if (matcher.find()) {
        return matcher.group(1);
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no Mode in the srvr answer of " + member.getNetworkAliases() + ": " + output);
  }
}
