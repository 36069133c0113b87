package io.cpimage.belt.ready;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A plain TCP connection whose messages each go after their size (four bytes, big-endian), as both
 * Kafka's and ZooKeeper's protocols frame them: what the readiness checks that spare a client's
 * start-up ({@link PlainMetadataRequest}, {@link ZooKeeperHandshake}) share.
 */
final class SizePrefixedConnection implements AutoCloseable {
  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  private SizePrefixedConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(socket.getOutputStream());
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
  }

  /** Connects to {@code server}, waiting at most {@code timeout} to connect and for each answer. */
  static SizePrefixedConnection open(InetSocketAddress server, Duration timeout)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      return new SizePrefixedConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends one message made of {@code parts}, after their joint size. */
  void send(byte[]... parts) throws IOException {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    out.writeInt(size);
    for (byte[] part : parts) {
      out.write(part);
    }
    out.flush();
  }

  /**
   * The next message, at most {@code maxSize} bytes: a larger or negative size is not one ({@code
   * what}, e.g. "a Kafka response"), such as a TLS listener's answer, whose first bytes are no
   * size.
   */
  byte[] receive(int maxSize, String what) throws IOException {
    int size = in.readInt();
    if (size < 0 || size > maxSize) {
      throw new IOException("an answer of " + size + " bytes is not " + what);
    }
    byte[] message = new byte[size];
    in.readFully(message);
    return message;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
