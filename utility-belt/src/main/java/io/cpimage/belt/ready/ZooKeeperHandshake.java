package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;

/**
 * Opens a ZooKeeper session and closes it again over a plain socket, with the two requests this
 * takes (connect, close session) as ZooKeeper's own records (jute) write them, instead of the
 * ZooKeeper client: {@code cub zk-ready} runs at every boot of a ZooKeeper-mode broker, and the
 * client's classes, threads and session management were two thirds of the check's CPU. A server
 * that needs neither TLS nor SASL answers both the same way either client asks.
 */
final class ZooKeeperHandshake {

  /** Each attempt's limit for connecting and for each answer, within the check's deadline. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  /** More than a connect response or a reply header takes. */
  private static final int MAX_ANSWER = 1024;

  private ZooKeeperHandshake() {}

  /**
   * Tries the servers of {@code connectString} ({@code host:port[,...][/chroot]}, parsed and
   * validated as the ZooKeeper client does) in turn until one opens a session, pausing between
   * rounds, until the deadline.
   */
  static void await(String connectString, Deadline deadline)
      throws NotReadyException, InterruptedException {
    List<InetSocketAddress> servers;
    try {
      servers = new ConnectStringParser(connectString).getServerAddresses();
    } catch (IllegalArgumentException e) {
      throw new NotReadyException(
          "Cannot connect to Zookeeper server [" + connectString + "]: " + e.getMessage());
    }
    if (servers.isEmpty()) {
      throw new NotReadyException(
          "Cannot connect to Zookeeper server [" + connectString + "]: it names no server.");
    }
    while (true) {
      for (InetSocketAddress server : servers) {
        if (opensSession(server, deadline)) {
          return;
        }
      }
      if (deadline.expired()) {
        throw new NotReadyException(
            "Timed out waiting for connection to Zookeeper server [" + connectString + "].");
      }
      deadline.pauseBeforeRetry();
    }
  }

  /**
   * Whether the server gave a session: a refused or failed connection, an unresolvable name or a
   * server that is not serving (it closes the connection, or answers with no session) is not yet.
   */
  private static boolean opensSession(InetSocketAddress unresolved, Deadline deadline) {
    // Resolved at each attempt: a container's name appears with the container.
    InetSocketAddress server =
        new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
    if (server.isUnresolved()) {
      return false;
    }
    Duration timeout = deadline.cap(ATTEMPT_TIMEOUT);
    try (SizePrefixedConnection connection = SizePrefixedConnection.open(server, timeout)) {
      // A new session (no zxid seen, no session ID, an empty password) that only a server in the
      // quorum may give (not read-only).
      send(connection, new ConnectRequest(0, 0, (int) timeout.toMillis(), 0, new byte[16], false));
      ConnectResponse response = new ConnectResponse();
      receive(connection, response);
      // A server that is not serving answers with no session: a timeout that is not positive.
      if (response.getTimeOut() <= 0) {
        return false;
      }
      closeSession(connection);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Ends the session at once rather than leaving the server to expire it: a request header (xid,
   * type) without a body, then its reply, which comes once the server has closed the session. The
   * session was opened: a failure here does not make the server less ready.
   */
  private static void closeSession(SizePrefixedConnection connection) {
    try {
      send(connection, new RequestHeader(1, ZooDefs.OpCode.closeSession));
      receive(connection, new ReplyHeader());
    } catch (IOException e) {
      // The server expires the session after its timeout.
    }
  }

  /** A length-prefixed record, as ZooKeeper's client frames each one. */
  private static void send(SizePrefixedConnection connection, Record record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    record.serialize(BinaryOutputArchive.getArchive(bytes), "request");
    connection.send(bytes.toByteArray());
  }

  /** A length-prefixed answer, read into {@code record}. */
  private static void receive(SizePrefixedConnection connection, Record record) throws IOException {
    byte[] answer = connection.receive(MAX_ANSWER, "ZooKeeper's");
    record.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(answer)), "response");
  }
}
