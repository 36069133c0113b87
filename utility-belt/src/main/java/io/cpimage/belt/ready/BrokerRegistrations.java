package io.cpimage.belt.ready;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpimage.belt.wait.Deadline;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * Reads the broker registrations that ZooKeeper-mode brokers write under {@code /brokers/ids} and
 * finds the address of one listener there, as Confluent's {@code kafka-ready -z} does.
 */
final class BrokerRegistrations {

  private static final String IDS = "/brokers/ids";

  private final ZooKeeper zooKeeper;

  BrokerRegistrations(ZooKeeper zooKeeper) {
    this.zooKeeper = zooKeeper;
  }

  /**
   * Waits for at least one registered broker and returns the {@code host:port} of its listener
   * named {@code listener} (a security protocol such as {@code SSL}, or a listener name such as
   * {@code INTERNAL}). The broker with the lowest id is used.
   */
  String endpointOf(String listener, Deadline deadline)
      throws NotReadyException, InterruptedException {
    while (true) {
      try {
        List<String> ids =
            zooKeeper.exists(IDS, false) == null ? List.of() : zooKeeper.getChildren(IDS, false);
        if (!ids.isEmpty()) {
          String first = ids.stream().min(Comparator.comparingLong(Long::parseLong)).orElseThrow();
          return pick(listener, endpoints(zooKeeper.getData(IDS + "/" + first, false, null)));
        }
      } catch (KeeperException.NoNodeException e) {
        // The broker went away between listing and reading: look again.
      } catch (KeeperException e) {
        if (deadline.expired()) {
          throw new NotReadyException("Cannot read " + IDS + " from ZooKeeper: " + e.getMessage());
        }
      }
      if (deadline.expired()) {
        throw new NotReadyException(
            "No broker registered in ZooKeeper under " + IDS + " before the timeout.");
      }
      deadline.pauseBeforeRetry();
    }
  }

  private static Map<String, String> endpoints(byte[] registration) throws NotReadyException {
    Map<String, String> byListener = new LinkedHashMap<>();
    try {
      JsonNode endpoints = new ObjectMapper().readTree(registration).path("endpoints");
      for (JsonNode endpoint : endpoints) {
        String url = endpoint.asText();
        int separator = url.indexOf("://");
        if (separator > 0) {
          byListener.put(url.substring(0, separator), url.substring(separator + 3));
        }
      }
    } catch (IOException e) {
      throw new NotReadyException(
          "Broker registration in ZooKeeper is not JSON: " + e.getMessage());
    }
    return byListener;
  }

  private static String pick(String listener, Map<String, String> endpoints)
      throws NotReadyException {
    String address = endpoints.get(listener);
    if (address == null) {
      List<String> found =
          endpoints.entrySet().stream().map(e -> e.getKey() + "://" + e.getValue()).toList();
      throw new NotReadyException(
          "No endpoints found for security protocol ["
              + listener
              + "]. Endpoints found in ZK ["
              + String.join(",", found)
              + "]. Pass the listener's name with -s (e.g. -s INTERNAL for named listeners).");
    }
    return address;
  }
}
