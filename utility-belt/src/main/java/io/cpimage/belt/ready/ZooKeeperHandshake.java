package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.client.ConnectStringParser;

/**
 * Opens a ZooKeeper session and closes it again over a plain socket, with the two requests of
 * ZooKeeper's wire protocol that this takes (connect, close session), instead of the ZooKeeper
 * client: {@code cub zk-ready} runs at every boot of a ZooKeeper-mode broker, and the client's
 * classes, threads and session management were two thirds of the check's CPU. A server that needs
 * neither TLS nor SASL answers both the same way either client asks.
 */
final class ZooKeeperHandshake {

  /** Each attempt's limit for connecting and for each answer, within the check's deadline. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private static final int CLOSE_SESSION = -11;

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
    try (Socket socket = new Socket()) {
      int timeout = (int) deadline.cap(ATTEMPT_TIMEOUT).toMillis();
      socket.connect(server, timeout);
      socket.setSoTimeout(timeout);
      socket.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      // ConnectRequest: protocol version, last zxid seen, session timeout, session id (0: a new
      // session), password, read-only (false: only a server in the quorum may answer).
      out.writeInt(4 + 8 + 4 + 8 + 4 + 16 + 1);
      out.writeInt(0);
      out.writeLong(0);
      out.writeInt((int) Math.min(Integer.MAX_VALUE, deadline.cap(ATTEMPT_TIMEOUT).toMillis()));
      out.writeLong(0);
      out.writeInt(16);
      out.write(new byte[16]);
      out.writeBoolean(false);
      out.flush();
      // ConnectResponse: protocol version, negotiated timeout (not positive: no session), ...
      int length = in.readInt();
      in.readInt();
      int negotiatedTimeout = in.readInt();
      in.skipNBytes(length - 8);
      if (negotiatedTimeout <= 0) {
        return false;
      }
      closeSession(out, in);
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
  private static void closeSession(DataOutputStream out, DataInputStream in) {
    try {
      out.writeInt(8);
      out.writeInt(1);
      out.writeInt(CLOSE_SESSION);
      out.flush();
      in.skipNBytes(in.readInt());
    } catch (IOException e) {
      // The server expires the session after its timeout.
    }
  }
}
