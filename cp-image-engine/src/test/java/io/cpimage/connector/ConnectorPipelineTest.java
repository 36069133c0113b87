package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline the three goals share, on Kafka's real connect-file jar. Maven's resolver cannot run
 * without Maven, so a resolver that returns that jar from the test class path stands in for it and
 * records what it was asked.
 */
class ConnectorPipelineTest {
  private static final String WHERE = "<connectors><connector name=\"file\">";

  @TempDir Path work;

  private final List<String> resolved = new ArrayList<>();

  private final ArtifactResolver classPath =
      (coordinates, transitive, where) -> {
        resolved.add(coordinates + " transitive=" + transitive + " at " + where);
        return List.of(connectFileJar());
      };

  private static Path connectFileJar() {
    try {
      return Path.of(
          FileStreamSourceConnector.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private ConnectorPipeline pipeline() {
    return ConnectorPipeline.create(classPath, work.resolve("cache"), true);
  }

  private Path docsOnlyZip() throws Exception {
    Path zip = work.resolve("only-docs-1.0.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("doc/README.md"));
      out.write("# no code here".getBytes());
      out.closeArchiveEntry();
    }
    return zip;
  }

  @Test
  void coordinatesAreResolvedStagedAndScannedAndEveryFileIsRecorded() throws Exception {
    ConnectorSource source =
        new ConnectorSource.MavenArtifact(
            MavenCoordinates.parse("org.apache.kafka:connect-file:3.9.1", "<artifact>"), false);
    ConnectorPipeline pipeline = pipeline();

    ConnectorPipeline.StagedConnector staged = pipeline.stageConnector("file", source, work, WHERE);

    assertEquals(
        List.of(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector"),
        staged.pluginClasses());
    assertEquals(work.resolve("connectors/file"), staged.directory());
    assertTrue(Files.isRegularFile(staged.directory().resolve(connectFileJar().getFileName())));
    assertEquals(
        List.of("org.apache.kafka:connect-file:3.9.1 transitive=false at " + WHERE + "<artifact>"),
        resolved);
    assertEquals(
        List.of(
            new ConnectorPipeline.FetchedFile(
                WHERE,
                "org.apache.kafka:connect-file:3.9.1",
                connectFileJar().getFileName().toString(),
                "sha256:" + Checksum.sha256Of(connectFileJar()).hex())),
        pipeline.fetched());
  }

  @Test
  void theBuildAndAddConnectorRefuseAConnectorWithoutPluginClassesWithOneMessage()
      throws Exception {
    Path zip = docsOnlyZip();
    ConnectorSource source = new ConnectorSource.LocalFile(zip, Checksum.sha256Of(zip));

    NotAConnectorException build =
        assertThrows(
            NotAConnectorException.class,
            () -> pipeline().stageConnector("docs", source, work, WHERE));
    NotAConnectorException addConnector =
        assertThrows(
            NotAConnectorException.class,
            () -> ConnectorPipeline.check("docs", zip, source, List.of(), WHERE));

    assertEquals(
        WHERE
            + ": "
            + zip
            + " holds no Kafka Connect plugin class (Connector, Converter, HeaderConverter,"
            + " Transformation, Predicate or ConfigProvider), so it is not a connector. Point to"
            + " the connector's jar or plugin archive (a Confluent Hub zip), or declare it under"
            + " <libraries>.",
        build.getMessage());
    assertEquals(build.getMessage(), addConnector.getMessage());
  }

  @Test
  void addConnectorsCheckLeavesNoScratchDirectoryBehind() throws Exception {
    ConnectorSource source = new ConnectorSource.LocalFile(connectFileJar(), null);
    List<Path> before = scratchDirectories();

    assertEquals(
        2,
        ConnectorPipeline.check("file", connectFileJar(), source, List.of(), "-Dfile=x")
            .pluginClasses()
            .size());
    assertThrows(
        ArtifactException.class,
        () -> ConnectorPipeline.check("docs", docsOnlyZip(), source, List.of(), "-Dfile=y"));

    assertEquals(before, scratchDirectories());
  }

  /**
   * add-connector's check finds what the build refuses: a library the worker provides beside the
   * connector, named with the jar; a clean connector has no problem.
   */
  @Test
  void addConnectorsCheckFindsPluginIsolationProblems() throws Exception {
    ConnectorSource source = new ConnectorSource.LocalFile(connectFileJar(), null);
    Path clients =
        Path.of(
            org.apache.kafka.clients.producer.KafkaProducer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

    ConnectorPipeline.CheckedConnector clean =
        ConnectorPipeline.check("file", connectFileJar(), source, List.of(), "-Dfile=x");
    ConnectorPipeline.CheckedConnector withClients =
        ConnectorPipeline.check("file", connectFileJar(), source, List.of(clients), "-Dfile=x");

    assertEquals(List.of(), clean.isolationProblems());
    assertEquals(1, withClients.isolationProblems().size(), withClients.toString());
    assertTrue(
        withClients
            .isolationProblems()
            .get(0)
            .startsWith(
                "-Dfile=x: "
                    + clients.getFileName()
                    + " holds classes the Connect worker provides (org.apache.kafka."),
        withClients.isolationProblems().get(0));
  }

  @Test
  void aMissingLocalFileNamesThePathAndTheFix() {
    Path missing = work.resolve("missing.jar");
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> pipeline().fetch(new ConnectorSource.LocalFile(missing, null), WHERE));

    assertEquals(
        WHERE
            + ": "
            + missing
            + " does not exist; fix the path (relative paths start at the project directory)",
        e.getMessage());
    assertFalse(Files.exists(work.resolve("connectors")));
  }

  private static List<Path> scratchDirectories() throws Exception {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(p -> p.getFileName().toString().startsWith("cp-image-connector-"))
          .sorted()
          .toList();
    }
  }
}
