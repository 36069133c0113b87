package io.cpimage.belt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBrokerCollection;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBrokerCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A one-broker Kafka cluster on the loopback interface for {@link CdsTraining} alone: it answers
 * the three requests {@code cub kafka-ready} makes (ApiVersions, Metadata, DescribeCluster) with
 * the Kafka client's own message classes, so that the start-up archives hold the classes a
 * successful check loads (parsing a broker's answers initialises every message type's schemas, some
 * 600 classes that a check of a closed port never reaches). The training runs where no broker can
 * be started (the image build's chroot); it is not part of the CLI.
 */
final class TrainingBroker implements AutoCloseable {

  private static final int NODE_ID = 1;

  private final ServerSocket server;

  private TrainingBroker(ServerSocket server) {
    this.server = server;
  }

  /** Listens on a free loopback port and answers each connection on a thread of its own. */
  static TrainingBroker start() throws IOException {
    TrainingBroker broker =
        new TrainingBroker(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(broker::accept, "training-broker");
    acceptor.setDaemon(true);
    acceptor.start();
    return broker;
  }

  /** The bootstrap address, {@code 127.0.0.1:<port>}. */
  String bootstrapServers() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket connection = server.accept();
        Thread answering = new Thread(() -> answer(connection), "training-broker-connection");
        answering.setDaemon(true);
        answering.start();
      } catch (IOException e) {
        // Closed: the training is over.
      }
    }
  }

  /** Size-prefixed requests in, size-prefixed responses out, until the client hangs up. */
  private void answer(Socket connection) {
    try (connection;
        DataInputStream in = new DataInputStream(connection.getInputStream());
        DataOutputStream out = new DataOutputStream(connection.getOutputStream())) {
      while (true) {
        byte[] request = new byte[in.readInt()];
        in.readFully(request);
        ByteBuffer buffer = ByteBuffer.wrap(request);
        RequestHeader header = RequestHeader.parse(buffer);
        AbstractRequest.parseRequest(header.apiKey(), header.apiVersion(), buffer);
        ByteBuffer head =
            MessageUtil.toByteBuffer(
                header.toResponseHeader().data(), header.toResponseHeader().headerVersion());
        ByteBuffer body = MessageUtil.toByteBuffer(response(header.apiKey()), header.apiVersion());
        out.writeInt(head.remaining() + body.remaining());
        out.write(head.array(), head.arrayOffset() + head.position(), head.remaining());
        out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
        out.flush();
      }
    } catch (IOException e) {
      // The client closed the connection.
    }
  }

  private ApiMessage response(ApiKeys request) {
    String host = server.getInetAddress().getHostAddress();
    int port = server.getLocalPort();
    switch (request) {
      case API_VERSIONS:
        return new ApiVersionsResponseData()
            .setApiKeys(
                ApiVersionsResponse.collectApis(
                    EnumSet.of(ApiKeys.API_VERSIONS, ApiKeys.METADATA, ApiKeys.DESCRIBE_CLUSTER),
                    false));
      case METADATA:
        MetadataResponseBrokerCollection brokers = new MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseBroker().setNodeId(NODE_ID).setHost(host).setPort(port));
        return new MetadataResponseData()
            .setClusterId("training")
            .setControllerId(NODE_ID)
            .setBrokers(brokers);
      case DESCRIBE_CLUSTER:
        DescribeClusterBrokerCollection nodes = new DescribeClusterBrokerCollection();
        nodes.add(new DescribeClusterBroker().setBrokerId(NODE_ID).setHost(host).setPort(port));
        return new DescribeClusterResponseData()
            .setClusterId("training")
            .setControllerId(NODE_ID)
            .setBrokers(nodes);
      default:
        throw new UncheckedIOException(
            new IOException("the training broker does not answer " + request));
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
