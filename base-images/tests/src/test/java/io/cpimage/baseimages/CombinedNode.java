package io.cpimage.baseimages;

import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of a combined KRaft node (broker and controller, node 1) that configure accepts on
 * both lines; the tests of configure add, change or remove one at a time.
 */
final class CombinedNode {
  private CombinedNode() {}

  /** A new map each call; {@code host} is the name the node advertises itself under. */
  static Map<String, String> env(String host) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("KAFKA_NODE_ID", "1");
    env.put("CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID);
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + host + ":9093");
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + host + ":9092");
    env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
    env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    return env;
  }
}
