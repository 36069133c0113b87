package io.cpimage.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.HostPorts;
import io.cpimage.baseimages.Images;
import io.cpimage.baseimages.Line;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/jdbc-sink: a worker with Debezium's JDBC sink writes a topic's records into a real
 * PostgreSQL, started by this test on the host. The broker and the worker use the host's network,
 * so the worker reaches PostgreSQL on 127.0.0.1 as a user's worker would reach a database.
 */
@ExtendWith(DockerRequired.class)
class JdbcSinkIT {
  private static final String TOPIC = "orders";
  private static final String CONNECTOR = "orders-to-postgres";
  private static final String DATABASE = "shop";
  private static final String PLUGIN_DIRECTORY =
      "/usr/share/confluent-hub-components/debezium-connector-jdbc";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void recordsOfATopicArriveAsRowsInPostgres() throws Exception {
    Path bin = LocalPostgres.binariesOrSkip(getClass().getSimpleName());
    int brokerPort = HostPorts.free();
    int controllerPort = HostPorts.free();
    int restPort = HostPorts.free();
    String bootstrap = "127.0.0.1:" + brokerPort;

    try (LocalPostgres postgres = LocalPostgres.start(bin);
        CpContainer kafka = hostNetworkBroker(brokerPort, controllerPort);
        CpContainer worker = hostNetworkWorker(bootstrap, restPort)) {
      ConnectWorker rest = ConnectWorker.at("http://127.0.0.1:" + restPort);
      try {
        postgres.createDatabase(DATABASE);
        kafka.start();
        worker.start();
        HttpResponse<String> created = rest.createConnector(connectorJson(postgres));
        assertEquals(201, created.statusCode(), created.body());

        produce(bootstrap);

        List<String> rows = awaitRows(postgres, 3);
        assertEquals(List.of("1|espresso beans|2", "2|grinder|1", "3|milk jug|4"), rows);

        // Plugin isolation: one PostgreSQL driver, the declared one, which replaced the bundled
        // 42.6.1, in the connector's own directory only.
        assertEquals(
            "postgresql-" + System.getProperty("postgresql.version") + ".jar",
            worker.bash("ls " + PLUGIN_DIRECTORY + " | grep '^postgresql-'").getStdout().strip());
        assertEquals(
            "", worker.bash("ls /usr/share/java/kafka | grep '^postgresql-'").getStdout().strip());

        String status = awaitTaskRunning(rest);
        assertTrue(
            status.matches("(?s).*\"connector\":\\{\"state\":\"RUNNING\".*"),
            "the connector is not RUNNING: " + status);
      } catch (AssertionError | Exception e) {
        System.err.println("=== worker log ===\n" + worker.getLogs());
        System.err.println("=== PostgreSQL log ===\n" + postgres.serverLog());
        throw e;
      }
    }
  }

  /** The single KRaft node of {@link CpContainer#kraftNode}, on host ports the test picked. */
  private static CpContainer hostNetworkBroker(int brokerPort, int controllerPort) {
    return CpContainer.of(Images.KAFKA.reference())
        .withNetworkMode("host")
        .asKRaftNode("127.0.0.1", "127.0.0.1", brokerPort, controllerPort);
  }

  private static CpContainer hostNetworkWorker(String bootstrap, int restPort) {
    return CpContainer.of(Examples.image("jdbc-sink", Line.KAFKA_4))
        .withNetworkMode("host")
        .withEnv(ConnectWorker.env(bootstrap, "jdbc-sink"))
        // The host's network: the REST port must be a free one, and only on the loopback.
        .withEnv("CONNECT_REST_PORT", String.valueOf(restPort))
        .withEnv("CONNECT_LISTENERS", "http://127.0.0.1:" + restPort)
        .withEnv("CONNECT_REST_ADVERTISED_HOST_NAME", "127.0.0.1")
        // The sink needs a schema for each record: JSON with schemas, JsonConverter's default.
        .withEnv("CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE", "true")
        .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms64m")
        .waitingForLog(".*Kafka Connect started.*", Duration.ofSeconds(90));
  }

  private static String connectorJson(LocalPostgres postgres) {
    return "{\"name\":\""
        + CONNECTOR
        + "\",\"config\":{"
        + "\"connector.class\":\"io.debezium.connector.jdbc.JdbcSinkConnector\","
        + "\"tasks.max\":\"1\","
        + "\"topics\":\""
        + TOPIC
        + "\","
        + "\"connection.url\":\""
        + postgres.jdbcUrl(DATABASE)
        + "\","
        + "\"connection.username\":\""
        + LocalPostgres.USER
        + "\","
        + "\"connection.password\":\""
        + LocalPostgres.PASSWORD
        + "\","
        + "\"insert.mode\":\"insert\","
        + "\"schema.evolution\":\"basic\"}}";
  }

  private static void produce(String bootstrap) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    String schema =
        "{\"type\":\"struct\",\"name\":\"order\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
            + "{\"field\":\"item\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"quantity\",\"type\":\"int32\",\"optional\":false}]}";
    Object[][] orders = {{1, "espresso beans", 2}, {2, "grinder", 1}, {3, "milk jug", 4}};
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (Object[] order : orders) {
        String payload =
            "{\"id\":" + order[0] + ",\"item\":\"" + order[1] + "\",\"quantity\":" + order[2] + "}";
        producer
            .send(
                new ProducerRecord<>(
                    TOPIC, null, "{\"schema\":" + schema + ",\"payload\":" + payload + "}"))
            .get();
      }
    }
  }

  /** The table's rows as {@code id|item|quantity}, once there are {@code count} of them. */
  private static List<String> awaitRows(LocalPostgres postgres, int count) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "no table yet";
    while (System.nanoTime() < deadline) {
      try (Connection connection = postgres.connect(DATABASE);
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery("SELECT id, item, quantity FROM " + TOPIC + " ORDER BY id")) {
        List<String> rows = new ArrayList<>();
        while (result.next()) {
          rows.add(result.getInt(1) + "|" + result.getString(2) + "|" + result.getInt(3));
        }
        if (rows.size() >= count) {
          return rows;
        }
        last = rows.toString();
      } catch (SQLException e) {
        last = e.getMessage();
      }
      Thread.sleep(500);
    }
    return fail("fewer than " + count + " rows in " + TOPIC + " within " + DEADLINE + ": " + last);
  }

  /** The status document, once the connector's task reports RUNNING. */
  private static String awaitTaskRunning(ConnectWorker rest) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> status = rest.status(CONNECTOR);
      body = status.body();
      if (status.statusCode() == 200
          && body.matches("(?s).*\"tasks\":\\[\\{\"id\":0,\"state\":\"RUNNING\".*")) {
        return body;
      }
      Thread.sleep(500);
    }
    return fail("the connector's task is not RUNNING within " + DEADLINE + ": " + body);
  }
}
