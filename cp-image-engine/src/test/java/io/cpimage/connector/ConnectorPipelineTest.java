package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.Checksum;
import io.cpimage.testing.ClassJars;
import java.nio.charset.StandardCharsets;
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
    return ClassJars.jarOf(FileStreamSourceConnector.class);
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

    ConnectorPipeline.StagedConnector staged = pipeline.stageConnector("file", source, WHERE);

    assertEquals(
        List.of(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector"),
        staged.pluginClasses());
    // Unpacked (here: copied) once into the connector cache beside the downloads.
    assertTrue(staged.directory().startsWith(work.resolve("cache/connectors/unpacked")));
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

  /** A Confluent Hub style zip: one top directory holding the connect-file jar under lib/. */
  private Path connectorZip(String name) throws Exception {
    Path zip = work.resolve(name);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("file-connector/lib/connect-file.jar"));
      out.write(Files.readAllBytes(connectFileJar()));
      out.closeArchiveEntry();
      out.putArchiveEntry(new ZipArchiveEntry("file-connector/README"));
      out.write(name.getBytes());
      out.closeArchiveEntry();
    }
    return zip;
  }

  private static final List<String> FILE_PLUGINS =
      List.of(
          "org.apache.kafka.connect.file.FileStreamSinkConnector",
          "org.apache.kafka.connect.file.FileStreamSourceConnector");

  /** The only entry of a cache directory. */
  private Path onlyEntry(String kind) throws Exception {
    try (Stream<Path> entries = Files.list(work.resolve("cache/connectors").resolve(kind))) {
      List<Path> all = entries.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /**
   * Replaces the plugin classes an unpacked entry lists, keeping it sealed and otherwise intact.
   */
  private static void plantPlugins(Path listing, String plugins) throws Exception {
    List<String> lines = new ArrayList<>(CacheFiles.lines(CacheFiles.read(listing).orElseThrow()));
    lines.set(1, plugins);
    CacheFiles.write(listing, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An archive whose content is unchanged is neither unpacked nor scanned again (the planted plugin
   * class proves the second build took the entry as it was); one that changed gets its own entry;
   * an entry that lost a file is discarded and made again.
   */
  @Test
  void anArchiveIsUnpackedAndScannedOnceAndADamagedEntryIsMadeAgain() throws Exception {
    ConnectorSource source = new ConnectorSource.LocalFile(connectorZip("c-1.0.zip"), null);
    ConnectorPipeline.StagedConnector first = pipeline().stageConnector("file", source, WHERE);
    assertEquals(FILE_PLUGINS, first.pluginClasses());
    Path entry = onlyEntry("unpacked");
    assertEquals(entry.resolve("tree/file-connector"), first.directory());

    plantPlugins(entry.resolve("listing"), "com.example.Planted");
    ConnectorPipeline.StagedConnector second = pipeline().stageConnector("file", source, WHERE);
    assertEquals(List.of("com.example.Planted"), second.pluginClasses());
    assertEquals(first.directory(), second.directory());

    Files.delete(first.directory().resolve("lib/connect-file.jar"));
    ConnectorPipeline.StagedConnector repaired = pipeline().stageConnector("file", source, WHERE);
    assertEquals(FILE_PLUGINS, repaired.pluginClasses());
    assertTrue(Files.isRegularFile(repaired.directory().resolve("lib/connect-file.jar")));
    assertEquals(entry, onlyEntry("unpacked"));

    ConnectorSource changed = new ConnectorSource.LocalFile(connectorZip("c-1.1.zip"), null);
    ConnectorPipeline.StagedConnector other = pipeline().stageConnector("file", changed, WHERE);
    assertEquals(FILE_PLUGINS, other.pluginClasses());
    assertFalse(other.directory().startsWith(entry));
  }

  /**
   * A directory is used in place; its scan is kept by its content and made again when it changes.
   */
  @Test
  void aDirectorysScanIsKeptByItsContent() throws Exception {
    Path directory = Files.createDirectories(work.resolve("connector-directory"));
    Files.copy(connectFileJar(), directory.resolve("connect-file.jar"));
    ConnectorSource source = new ConnectorSource.LocalFile(directory, null);
    assertEquals(FILE_PLUGINS, pipeline().stageConnector("d", source, WHERE).pluginClasses());

    CacheFiles.write(onlyEntry("scanned"), "com.example.Planted".getBytes(StandardCharsets.UTF_8));
    ConnectorPipeline.StagedConnector again = pipeline().stageConnector("d", source, WHERE);
    assertEquals(List.of("com.example.Planted"), again.pluginClasses());
    assertEquals(directory, again.directory());

    Files.writeString(directory.resolve("NOTICE"), "changed");
    assertEquals(FILE_PLUGINS, pipeline().stageConnector("d", source, WHERE).pluginClasses());
  }

  @Test
  void theBuildAndAddConnectorRefuseAConnectorWithoutPluginClassesWithOneMessage()
      throws Exception {
    Path zip = docsOnlyZip();
    ConnectorSource source = new ConnectorSource.LocalFile(zip, Checksum.sha256Of(zip));

    NotAConnectorException build =
        assertThrows(
            NotAConnectorException.class, () -> pipeline().stageConnector("docs", source, WHERE));
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
    Path clients = ClassJars.jarOf(org.apache.kafka.clients.producer.KafkaProducer.class);

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
