package io.cpimage.belt.ready;

import io.cpimage.belt.wait.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.utils.Utils;

/**
 * The brokers one Kafka broker knows of, asked over a plain socket (a PLAINTEXT listener) with two
 * requests, ApiVersions (to agree on a version) and Metadata for no topic, written and read with
 * the Kafka client's own message classes. {@code cub kafka-ready} runs at every boot of a Connect
 * worker; the Admin client's configuration, metrics, JMX registration and network thread were more
 * than half of the check's CPU, for these same two requests.
 */
final class PlainMetadataRequest {

  /** Each attempt's limit for connecting and for each answer, within the check's deadline. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Metadata requests are flexible (KIP-482: compact fields, tagged fields, header version 2 and
   * response header version 1) from this version on; older ones use header versions 1 and 0. The
   * client's {@code ApiKeys} knows this too, but its first use builds the schemas of every request
   * and response: it made the check three times as dear (0.13 to 0.38 s CPU without a cache).
   */
  private static final short FIRST_FLEXIBLE_METADATA_VERSION = 9;

  private static final String CLIENT_ID = "cub";

  /** More than a Metadata response for no topic from a cluster of thousands of brokers. */
  private static final int MAX_RESPONSE_SIZE = 16 << 20;

  private PlainMetadataRequest() {}

  /**
   * The brokers {@code server} reports; throws when it cannot be reached or does not answer as a
   * broker does (a listener that wants TLS or SASL closes the connection).
   */
  static List<Node> brokers(InetSocketAddress server, Deadline deadline) throws IOException {
    try (SizePrefixedConnection connection =
        SizePrefixedConnection.open(server, deadline.cap(ATTEMPT_TIMEOUT))) {
      // Version 0 of ApiVersions, which every broker answers (with version 0 whatever it asks for).
      ApiVersionsRequestData versionsRequest = new ApiVersionsRequestData();
      send(connection, versionsRequest.apiKey(), (short) 0, 1, (short) 1, versionsRequest);
      ApiVersionsResponseData versions =
          new ApiVersionsResponseData(receive(connection, 1, (short) 0), (short) 0);
      if (versions.errorCode() != 0) {
        throw new IOException(
            "the ApiVersions request failed with error code " + versions.errorCode());
      }
      MetadataRequestData request =
          new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(false);
      short version = metadataVersion(versions.apiKeys().find(request.apiKey()), server);
      boolean flexible = version >= FIRST_FLEXIBLE_METADATA_VERSION;
      send(connection, request.apiKey(), version, 2, (short) (flexible ? 2 : 1), request);
      MetadataResponseData metadata =
          new MetadataResponseData(receive(connection, 2, (short) (flexible ? 1 : 0)), version);
      List<Node> nodes = new ArrayList<>();
      for (MetadataResponseBroker broker : metadata.brokers()) {
        nodes.add(new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack()));
      }
      return nodes;
    }
  }

  /** The newest Metadata version both this client and the broker speak. */
  private static short metadataVersion(ApiVersion broker, InetSocketAddress server)
      throws IOException {
    short newest =
        broker == null
            ? -1
            : (short) Math.min(broker.maxVersion(), MetadataRequestData.HIGHEST_SUPPORTED_VERSION);
    if (broker == null
        || newest < broker.minVersion()
        || newest < MetadataRequestData.LOWEST_SUPPORTED_VERSION) {
      throw new IOException(server + " answers no Metadata request version this client knows");
    }
    return newest;
  }

  /** A size-prefixed request: header (api key, version, correlation id, client id), then body. */
  private static void send(
      SizePrefixedConnection connection,
      short apiKey,
      short version,
      int correlationId,
      short headerVersion,
      Message body)
      throws IOException {
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey)
            .setRequestApiVersion(version)
            .setCorrelationId(correlationId)
            .setClientId(CLIENT_ID);
    connection.send(
        Utils.toArray(MessageUtil.toByteBuffer(header, headerVersion)),
        Utils.toArray(MessageUtil.toByteBuffer(body, version)));
  }

  /** A size-prefixed response, past its header, which must answer {@code correlationId}. */
  private static ByteBufferAccessor receive(
      SizePrefixedConnection connection, int correlationId, short headerVersion)
      throws IOException {
    byte[] response = connection.receive(MAX_RESPONSE_SIZE, "a Kafka response");
    ByteBufferAccessor accessor = new ByteBufferAccessor(ByteBuffer.wrap(response));
    ResponseHeaderData header = new ResponseHeaderData(accessor, headerVersion);
    if (header.correlationId() != correlationId) {
      throw new IOException(
          "answer to request " + header.correlationId() + " where " + correlationId + " was due");
    }
    return accessor;
  }
}
