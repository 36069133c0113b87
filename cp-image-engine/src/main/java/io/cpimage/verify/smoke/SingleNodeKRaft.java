package io.cpimage.verify.smoke;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test broker of smoke mode and of the project's own tests: one cp-kafka process that is both
 * KRaft broker and controller, with replication factors of 1 so that Connect's and the consumer
 * groups' internal topics can be created. This class owns its environment; smoke mode starts it
 * through the Docker API, the tests through Testcontainers.
 */
public final class SingleNodeKRaft {

  /** A fixed cluster ID: each test broker formats its own empty log directory with it. */
  public static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

  /** The log line (a regular expression for a whole line) that says the node serves clients. */
  public static final String SERVER_STARTED =
      ".*\\[KafkaRaftServer nodeId=\\d+\\] Kafka Server started.*";

  private SingleNodeKRaft() {}

  /**
   * The environment of node 1: listeners bound to {@code bindHost}, clients and the controller
   * quorum reaching it at {@code host} on {@code brokerPort} and {@code controllerPort}.
   */
  public static Map<String, String> environment(
      String bindHost, String host, int brokerPort, int controllerPort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("KAFKA_NODE_ID", "1");
    env.put("CLUSTER_ID", CLUSTER_ID);
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + host + ":" + controllerPort);
    env.put(
        "KAFKA_LISTENERS",
        "PLAINTEXT://"
            + bindHost
            + ":"
            + brokerPort
            + ",CONTROLLER://"
            + bindHost
            + ":"
            + controllerPort);
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + host + ":" + brokerPort);
    env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
    env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
    env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
    env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
    env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    return env;
  }
}
