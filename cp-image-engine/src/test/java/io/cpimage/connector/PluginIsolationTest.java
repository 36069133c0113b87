package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ConnectPluginScanner;
import io.cpimage.testing.ClassJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.slf4j.LoggerFactory;

/**
 * The plugin isolation check on connector directories made of real jars from Maven Central: Kafka's
 * connect-file connector, kafka-clients, slf4j-api, connect-json and ASM (a library like any
 * other).
 */
class PluginIsolationTest {
  @TempDir Path temp;

  @Test
  void aConnectorWithoutTheWorkersJarsHasNoProblem() throws Exception {
    assertEquals(
        List.of(),
        PluginIsolation.problemsOf(
            List.of(connector("file", ClassJars.jarOf(FileStreamSourceConnector.class)))));
  }

  @Test
  void kafkaClientsAndSlf4jInAConnectorAreNamedWithTheFix() throws Exception {
    List<String> problems =
        PluginIsolation.problemsOf(
            List.of(
                connector(
                    "file",
                    ClassJars.jarOf(FileStreamSourceConnector.class),
                    ClassJars.jarOf(KafkaProducer.class),
                    ClassJars.jarOf(LoggerFactory.class))));

    assertEquals(2, problems.size(), problems.toString());
    String clients = problems.get(0);
    assertTrue(
        clients.startsWith(
            "<connectors><connector name=\"file\">: "
                + ClassJars.jarOf(KafkaProducer.class).getFileName()
                + " holds classes the Connect worker provides (org.apache.kafka."),
        clients);
    assertTrue(
        clients.contains(
            "Kafka's plugin isolation loads org.apache.kafka.* and org.slf4j.* from the worker's"
                + " class path, so this copy is never used"),
        clients);
    assertTrue(
        clients.endsWith("declares Kafka's and slf4j's artifacts with <scope>provided</scope>)."),
        clients);
    assertTrue(
        problems
            .get(1)
            .contains(
                ClassJars.jarOf(LoggerFactory.class).getFileName()
                    + " holds classes the Connect worker provides (org.slf4j."),
        problems.get(1));
  }

  @Test
  void aCopyOfAPluginTheWorkerHasIsNamed() throws Exception {
    List<String> problems =
        PluginIsolation.problemsOf(
            List.of(
                connector(
                    "file",
                    ClassJars.jarOf(FileStreamSourceConnector.class),
                    ClassJars.jarOf(JsonConverter.class))));

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .contains(
                " holds plugins the Connect worker already has (org.apache.kafka.connect.json."),
        problems.get(0));
  }

  @Test
  void aTestJarIsNamed() throws Exception {
    Path testJar =
        Files.copy(
            ClassJars.jarOf(ClassReader.class),
            Files.createDirectories(temp.resolve("lib")).resolve("asm-9.8-tests.jar"));
    List<String> problems =
        PluginIsolation.problemsOf(
            List.of(connector("file", ClassJars.jarOf(FileStreamSourceConnector.class), testJar)));

    assertEquals(
        List.of(
            "<connectors><connector name=\"file\">: asm-9.8-tests.jar is a test jar: tests'"
                + " classes do not belong in an image. Remove it from the connector."),
        problems);
  }

  @Test
  void aPluginClassInTwoConnectorsClashesButALibraryInBothDoesNot() throws Exception {
    List<String> problems =
        PluginIsolation.problemsOf(
            List.of(
                connector(
                    "file-a",
                    ClassJars.jarOf(FileStreamSourceConnector.class),
                    ClassJars.jarOf(ClassReader.class)),
                connector(
                    "file-b",
                    ClassJars.jarOf(FileStreamSourceConnector.class),
                    ClassJars.jarOf(ClassReader.class))));

    assertEquals(
        List.of(
            "<connectors>: the plugin class org.apache.kafka.connect.file.FileStreamSinkConnector"
                + " is in connector 'file-a' and in connector 'file-b'. A connector configuration"
                + " names its plugin by class name only, so the worker uses one of the copies (the"
                + " higher version) and the other is never used. Keep the plugin in one connector.",
            "<connectors>: the plugin class org.apache.kafka.connect.file.FileStreamSourceConnector"
                + " is in connector 'file-a' and in connector 'file-b'. A connector configuration"
                + " names its plugin by class name only, so the worker uses one of the copies (the"
                + " higher version) and the other is never used. Keep the plugin in one connector."),
        problems);
  }

  /** A connector directory holding copies of {@code jars}, scanned as the pipeline scans it. */
  private PluginIsolation.ConnectorContents connector(String name, Path... jars) throws Exception {
    Path directory = Files.createDirectories(temp.resolve(name));
    for (Path jar : jars) {
      Files.copy(jar, directory.resolve(jar.getFileName()));
    }
    String where = "<connectors><connector name=\"" + name + "\">";
    return new PluginIsolation.ConnectorContents(
        name,
        where,
        directory,
        PluginIsolation.jarsUnder(directory, where),
        ConnectPluginScanner.findPluginClasses(directory));
  }
}
