package io.cpimage.belt.cub;

import io.cpimage.belt.ready.ZooKeeperReadiness;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cub zk-ready <connect> <timeout>}: waits for a ZooKeeper ensemble to accept a session. */
@Command(
    name = "zk-ready",
    description = {
      "Waits until ZooKeeper accepts a client session (SASL-authenticated when KAFKA_OPTS names a"
          + " JAAS file and ZOOKEEPER_SASL_ENABLED is not false).",
      "Example: cub zk-ready zookeeper:2181 40"
    })
final class ZkReadyCommand implements Callable<Integer> {

  @ParentCommand private Cub cub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "connect_string", description = "host:port[,...][/chroot]")
  private String connectString;

  @Parameters(index = "1", paramLabel = "timeout", description = "Seconds to wait.")
  private int timeoutSeconds;

  @Override
  public Integer call() {
    return check(cub.env(), spec.commandLine().getErr(), connectString, timeoutSeconds);
  }

  /** The check itself, for picocli's call and for {@link Shortcut}'s. */
  static int check(
      Map<String, String> env, PrintWriter err, String connectString, int timeoutSeconds) {
    ZooKeeperReadiness check =
        ZooKeeperReadiness.forConnectString(connectString)
            .withTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds)));
    if ("false".equalsIgnoreCase(env.get("ZOOKEEPER_SASL_ENABLED"))) {
      check = check.withClientProperties(Map.of("zookeeper.sasl.client", "false"));
    } else {
      KafkaOpts.applyToThisJvm(env);
      if (System.getProperty(KafkaOpts.JAAS_FILE_PROPERTY) != null) {
        check = check.forSaslAuthentication();
      }
    }
    return Outcome.exitCode(check.await(), err);
  }
}
