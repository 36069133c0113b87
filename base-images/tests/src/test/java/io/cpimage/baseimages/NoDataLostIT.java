package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * No record lost or duplicated across a rolling restart, on the Kafka 4 line (the image's part, the
 * SIGTERM path through the launch script, is the same on both lines): three combined KRaft nodes
 * (replication factor 3, min.insync.replicas 2), an idempotent {@code acks=all} producer in this
 * JVM sending 10 000 numbered records while each node in turn gets {@code docker stop} (SIGTERM)
 * and is started again, the same container on its volume; then a consumer reads each number exactly
 * once.
 *
 * <p>The producer may wait up to {@link #DELIVERY_TIMEOUT} for a partition: on a loaded two-core CI
 * machine a restarted 3.9 broker was once seen to leave a partition unavailable for over two
 * minutes. Waiting is not losing, so the bound is generous; the longest wait is printed, and every
 * node's output is kept in {@code target/no-data-lost/}.
 */
@ExtendWith(DockerRequired.class)
class NoDataLostIT {
  private static final int RECORDS = 10_000;
  private static final int NODES = 3;
  private static final String TOPIC = "no-data-lost";
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);

  /**
   * The records are released in bursts, one just before each node is stopped and one just before it
   * is started again, and sent one a millisecond, so that every stop and every rejoin happens while
   * records are in flight.
   */
  private static final int BURSTS = 2 * NODES;

  @Test
  void rollingRestartUnderLoadLosesAndDuplicatesNothing() throws Exception {
    String voters = "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093";
    List<CpContainer> nodes = new ArrayList<>();
    List<String> bootstrap = new ArrayList<>();
    try (Network network = Network.newNetwork()) {
      for (int id = 1; id <= NODES; id++) {
        int hostPort = HostPorts.free();
        bootstrap.add("localhost:" + hostPort);
        nodes.add(node(network, id, voters, hostPort));
      }
      try {
        Startables.deepStart(nodes).join();
        String bootstrapServers = String.join(",", bootstrap);
        try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(TOPIC, 3, (short) 3)
                          .configs(Map.of("min.insync.replicas", "2"))))
              .all()
              .get(60, TimeUnit.SECONDS);

          Semaphore released = new Semaphore(0);
          ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
          AtomicLong longestWaitMs = new AtomicLong();
          Thread producer =
              new Thread(() -> produce(bootstrapServers, released, failures, longestWaitMs));
          producer.setDaemon(true);
          producer.start();
          DockerClient docker = DockerClientFactory.instance().client();
          for (CpContainer node : nodes) {
            released.release(RECORDS / BURSTS);
            docker.stopContainerCmd(node.getContainerId()).withTimeout(30).exec();
            released.release(RECORDS / BURSTS);
            docker.startContainerCmd(node.getContainerId()).exec();
            Wait.forLogMessage(SingleNodeKRaft.SERVER_STARTED + "\\n?", 2)
                .withStartupTimeout(START)
                .waitUntilReady(node);
            awaitFullIsr(admin);
          }
          released.release(RECORDS - BURSTS * (RECORDS / BURSTS));
          producer.join(DELIVERY_TIMEOUT.plusMinutes(1).toMillis());
          System.out.println(
              "NoDataLostIT: longest wait for an acknowledgement: " + longestWaitMs + " ms");

          assertTrue(!producer.isAlive(), "the producer did not finish");
          assertTrue(failures.isEmpty(), () -> "sends failed: " + summary(failures));
        }

        List<Integer> received = consumeAll(bootstrapServers);
        System.out.println(
            "NoDataLostIT: sent " + RECORDS + ", consumed " + received.size() + " records");
        BitSet seen = new BitSet(RECORDS);
        received.forEach(seen::set);
        assertEquals(RECORDS, received.size(), "records consumed (duplicates count twice)");
        assertEquals(RECORDS, seen.cardinality(), "distinct sequence numbers consumed");
        assertEquals(RECORDS, seen.nextClearBit(0), "the first missing sequence number");
        for (int id = 1; id <= NODES; id++) {
          String logs = nodes.get(id - 1).getLogs();
          assertTrue(
              logs.contains("[BrokerServer id=" + id + "] shut down completed"),
              "kafka-" + id + " did not shut down cleanly:\n" + logs);
        }
      } finally {
        keepLogs(nodes);
        nodes.forEach(CpContainer::stop);
      }
    }
  }

  /**
   * A combined broker and controller. Clients in this JVM reach it through a host port chosen now
   * and bound as the same port in the container, so that the advertised {@code EXTERNAL} address is
   * right and stays right after a restart.
   */
  private static CpContainer node(Network network, int id, String voters, int hostPort) {
    String host = "kafka-" + id;
    return CpContainer.of(Images.KAFKA, Line.KAFKA_4)
        .on(network, host)
        .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
        .withEnv("KAFKA_NODE_ID", String.valueOf(id))
        .withEnv("CLUSTER_ID", SingleNodeKRaft.CLUSTER_ID)
        .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
        .withEnv(
            "KAFKA_LISTENERS",
            "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,EXTERNAL://0.0.0.0:" + hostPort)
        .withEnv(
            "KAFKA_ADVERTISED_LISTENERS",
            "PLAINTEXT://" + host + ":9092,EXTERNAL://localhost:" + hostPort)
        .withEnv(
            "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
            "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT")
        .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
        .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .withEnv("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m")
        .withCreateContainerCmdModifier(
            cmd ->
                cmd.withExposedPorts(ExposedPort.tcp(hostPort))
                    .getHostConfig()
                    .withPortBindings(
                        new PortBinding(
                            Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                            ExposedPort.tcp(hostPort))))
        .waitingForLog(SingleNodeKRaft.SERVER_STARTED, START);
  }

  /**
   * Sends the released records, one a millisecond; a failed send is kept, not retried by hand, and
   * the longest time from send to acknowledgement is kept too.
   */
  private static void produce(
      String bootstrapServers,
      Semaphore released,
      ConcurrentLinkedQueue<Exception> failures,
      AtomicLong longestWaitMs) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(DELIVERY_TIMEOUT.toMillis()));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, IntegerSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, IntegerSerializer.class);
    try (KafkaProducer<Integer, Integer> producer = new KafkaProducer<>(config)) {
      for (int sequence = 0; sequence < RECORDS; sequence++) {
        released.acquire();
        long sentAt = System.nanoTime();
        producer.send(
            new ProducerRecord<>(TOPIC, sequence, sequence),
            (metadata, exception) -> {
              longestWaitMs.accumulateAndGet(
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt), Math::max);
              if (exception != null) {
                failures.add(exception);
              }
            });
        Thread.sleep(1);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  /** Each distinct failure once, with how often it happened. */
  private static String summary(Collection<Exception> failures) {
    return failures.stream()
        .collect(Collectors.groupingBy(Exception::toString, TreeMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(failure -> failure.getValue() + " x " + failure.getKey())
        .collect(Collectors.joining("; "));
  }

  /** Waits until every partition of the topic has all three replicas in sync again. */
  private static void awaitFullIsr(Admin admin) throws InterruptedException {
    Instant deadline = Instant.now().plus(START);
    String lastState = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        TopicDescription topic =
            admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC);
        if (topic.partitions().stream().allMatch(p -> p.isr().size() == NODES)) {
          return;
        }
        lastState =
            topic.partitions().stream()
                .map(p -> p.partition() + ": isr " + p.isr())
                .collect(Collectors.joining(", "));
      } catch (ExecutionException | TimeoutException e) {
        lastState = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("replicas not back in sync within " + START + ": " + lastState);
  }

  /** Reads the topic from the start until no record came for 5 s, or for at most 2 minutes. */
  private static List<Integer> consumeAll(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "no-data-lost-check");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class);
    List<Integer> received = new ArrayList<>();
    try (KafkaConsumer<Integer, Integer> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(TOPIC));
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      Instant quietUntil = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline) && Instant.now().isBefore(quietUntil)) {
        for (ConsumerRecord<Integer, Integer> record : consumer.poll(Duration.ofMillis(500))) {
          received.add(record.value());
          quietUntil = Instant.now().plus(Duration.ofSeconds(5));
        }
      }
    }
    return received;
  }

  /**
   * Every node's output, kept in {@code target/no-data-lost/} to explain a failure after the fact.
   */
  private static void keepLogs(List<CpContainer> nodes) throws IOException {
    Path directory = Files.createDirectories(Path.of("target", "no-data-lost"));
    for (int id = 1; id <= nodes.size(); id++) {
      CpContainer node = nodes.get(id - 1);
      if (node.getContainerId() != null) {
        Files.writeString(directory.resolve("kafka-" + id + ".log"), node.getLogs());
      }
    }
  }
}
