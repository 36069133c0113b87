package io.cpimage.belt.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** A real standalone ZooKeeper 3.9 server in this JVM, on 127.0.0.1 and a free port. */
public final class EmbeddedZooKeeper implements AutoCloseable {

  private final Path directory;
  private final ZooKeeperServer server;
  private final ServerCnxnFactory connections;

  private EmbeddedZooKeeper(Path directory, ZooKeeperServer server, ServerCnxnFactory connections) {
    this.directory = directory;
    this.server = server;
    this.connections = connections;
  }

  public static EmbeddedZooKeeper start() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("cub-zookeeper");
    ZooKeeperServer server =
        new ZooKeeperServer(directory.toFile(), directory.toFile(), 500 /* tick ms */);
    ServerCnxnFactory connections =
        ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
    connections.startup(server);
    return new EmbeddedZooKeeper(directory, server, connections);
  }

  public String connectString() {
    return "127.0.0.1:" + connections.getLocalPort();
  }

  /** The client sessions the server holds now. */
  public int sessionCount() {
    return server.getZKDatabase().getSessionWithTimeOuts().size();
  }

  @Override
  public void close() throws IOException {
    connections.shutdown();
    server.shutdown();
    Directories.delete(directory);
  }
}
