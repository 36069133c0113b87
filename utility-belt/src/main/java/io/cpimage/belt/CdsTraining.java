package io.cpimage.belt;

import com.sun.net.httpserver.HttpServer;
import io.cpimage.belt.settings.BootCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The training run behind the start-up archives: runs the dub, cub and ub commands that boot
 * scripts use, so that the classes they load are archived. The build (and an image build, for the
 * jar's installed path) runs {@code java -XX:DumpLoadedClassList=<list> -cp utility-belt.jar
 * io.cpimage.belt.CdsTraining <scratch-dir>}, then {@code java -Xshare:dump
 * -XX:SharedClassListFile=<list> -XX:SharedArchiveFile=<jsa> -cp utility-belt.jar}: one AppCDS
 * archive for every command. On JDK 25 an image gets one AOT cache per {@link Profile} instead
 * ({@code -XX:AOTCacheOutput}), because a JVM loads every class of an AOT cache at start: a cache
 * holding the Kafka client would make {@code dub ensure} load it. It is not part of the CLI.
 */
public final class CdsTraining {

  /** The groups of verbs that share an AOT cache; the launchers pick one by the verb. */
  enum Profile {
    /**
     * Checks that need no library: ensure, path, listeners (the shortcut paths). In the AppCDS
     * archive only: with an AOT cache of their own they started no faster than with the JDK's.
     */
    checks,
    /** dub template: jinjava. */
    template,
    /** ub render-template: the Go template engine. */
    gotemplate,
    /** Waits and readiness checks: sockets, HTTP, the ZooKeeper and Kafka clients. */
    ready
  }

  /** A template that uses every feature Confluent's templates use. */
  private static final String TEMPLATE = "cds-training.properties.template";

  /** The same for ub: a Go template with ub's functions, as Confluent's 8.x templates use them. */
  private static final String GO_TEMPLATE = "cds-training.properties.gotemplate";

  /**
   * A few lines of a settings catalogue: {@code dub template} checks {@code env_to_props('KAFKA_',
   * '')} against the image's catalogue, which the image build's training does not have.
   */
  private static final String CATALOGUE = "cds-training.settings-catalogue.tsv";

  private CdsTraining() {}

  /**
   * Arguments: a scratch directory, then optionally one profile's name (default: every command).
   * Throws (exit 1) if a command failed.
   */
  public static void main(String[] args) throws IOException {
    Path scratch = Files.createDirectories(Path.of(args[0]));
    Set<Profile> profiles =
        args.length > 1 ? EnumSet.of(Profile.valueOf(args[1])) : EnumSet.allOf(Profile.class);
    Map<String, String> env =
        Map.of(
            "KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181",
            "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092",
            "KAFKA_LOG4J_LOGGERS", "kafka.controller=INFO,state.change.logger=WARN");
    String output = scratch.resolve("training.properties").toString();
    Files.writeString(Path.of(output), "");
    if (profiles.contains(Profile.template)) {
      Path template = copy(TEMPLATE, scratch.resolve("training.properties.template"));
      Path catalogue = copy(CATALOGUE, scratch.resolve("training.settings-catalogue.tsv"));
      // The boot's settings check runs after every render that calls env_to_props('KAFKA_', ''):
      // typed values, and an unknown name (zookeeper.connect) that gets suggestions.
      Map<String, String> checkedEnv = new HashMap<>(env);
      checkedEnv.put(BootCheck.CATALOGUE_VARIABLE, catalogue.toString());
      checkedEnv.put("KAFKA_NODE_ID", "1");
      checkedEnv.put("KAFKA_PROCESS_ROLES", "broker,controller");
      // As the images' configure scripts call it: checks and every template in one chain.
      run(
          checkedEnv,
          "dub",
          "ensure",
          "KAFKA_ZOOKEEPER_CONNECT",
          ";",
          "path",
          output,
          "writable",
          ";",
          "template",
          template.toString(),
          output);
    }
    if (profiles.contains(Profile.gotemplate)) {
      Path goTemplate = copy(GO_TEMPLATE, scratch.resolve("training.properties.gotemplate"));
      run(env, "ub", "render-template", goTemplate.toString());
    }
    if (profiles.contains(Profile.checks)) {
      run(env, "dub", "ensure", "KAFKA_ZOOKEEPER_CONNECT");
      run(env, "dub", "ensure-atleast-one", "KAFKA_ADVERTISED_LISTENERS", "KAFKA_LISTENERS");
      run(env, "dub", "path", output, "writable");
      run(env, "dub", "path-wait", output, "1");
      run(env, "cub", "listeners", "PLAINTEXT://kafka:9092,SSL://[::1]:9093");
      run(env, "ub", "ensure", "KAFKA_ADVERTISED_LISTENERS");
      run(env, "ub", "path", output, "writable");
      run(env, "ub", "listeners", "PLAINTEXT://kafka:9092");
    }
    if (profiles.contains(Profile.ready)) {
      trainReadiness(env);
    }
  }

  private static void trainReadiness(Map<String, String> env) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String port = Integer.toString(server.getAddress().getPort());
      run(env, "dub", "wait", "127.0.0.1", port, "5");
      run(env, "dub", "http-ready", "http://127.0.0.1:" + port + "/", "5");
      // Nothing listens there: these only load the ZooKeeper and Kafka clients' classes.
      String closed = "127.0.0.1:" + closedPort();
      runFailing(env, "cub", "zk-ready", closed, "1");
      runFailing(env, "cub", "kafka-ready", "1", "1", "-b", closed);
      // And a check that succeeds, as at every Connect worker's boot: the broker's answers load
      // the classes of every Kafka message type.
      try (TrainingBroker broker = TrainingBroker.start()) {
        run(env, "cub", "kafka-ready", "1", "5", "-b", broker.bootstrapServers());
      }
    } finally {
      server.stop(0);
    }
  }

  private static Path copy(String resource, Path target) throws IOException {
    try (InputStream source = CdsTraining.class.getResourceAsStream(resource)) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void runFailing(Map<String, String> env, String... args) {
    int code =
        Main.run(
            env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    if (code != 1) {
      throw new IllegalStateException(String.join(" ", args) + " exited " + code + ", not 1");
    }
  }

  private static void run(Map<String, String> env, String... args) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    int code = Main.run(env, writer, writer, args);
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + text);
    }
  }
}
