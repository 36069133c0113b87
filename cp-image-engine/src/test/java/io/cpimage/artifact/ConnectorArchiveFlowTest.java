package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.testing.ClassJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a {@code <connector><url>} takes: a Confluent Hub style zip holding Kafka's real
 * connect-file jar, served over HTTPS, downloaded with its checksum, unpacked and scanned.
 */
class ConnectorArchiveFlowTest {
  private static final String WHERE = "<connectors><connector name=\"file\"><url>";

  @TempDir static Path keys;
  @TempDir Path work;
  private LocalHttpServer https;
  private UrlDownloader downloader;

  @BeforeEach
  void start() throws Exception {
    https = LocalHttpServer.https(keys);
    HttpClient client = HttpClient.newBuilder().sslContext(https.clientContext()).build();
    downloader = new UrlDownloader(work.resolve("cache"), client, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    https.close();
  }

  private Path hubZip(String entryPrefix) throws Exception {
    Path connectFile = ClassJars.jarOf(FileStreamSourceConnector.class);
    Path zip = work.resolve("apache-kafka-connect-file-3.9.1.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      for (String name : List.of("manifest.json", "lib/connect-file.jar")) {
        out.putArchiveEntry(new ZipArchiveEntry(entryPrefix + name));
        out.write(name.endsWith(".jar") ? Files.readAllBytes(connectFile) : "{}".getBytes());
        out.closeArchiveEntry();
      }
    }
    return zip;
  }

  @Test
  void downloadsUnpacksAndFindsTheConnectors() throws Exception {
    Path zip = hubZip("apache-kafka-connect-file-3.9.1/");
    https.serve("/hub/connect-file.zip", Files.readAllBytes(zip));
    Checksum checksum = Checksum.sha256Of(zip);

    Path downloaded =
        downloader.download(https.uri("/hub/connect-file.zip"), checksum, false, WHERE);
    assertTrue(ArchiveUnpacker.isArchive(downloaded));
    Path connectorDirectory = work.resolve("image/usr/share/confluent-hub-components/file");
    ArchiveUnpacker.unpack(downloaded, connectorDirectory, WHERE);

    assertEquals(
        List.of(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector"),
        ConnectPluginScanner.findPluginClasses(connectorDirectory, WHERE));
  }

  @Test
  void anArchiveThatEscapesIsRefusedAfterItsChecksumPassed() throws Exception {
    Path zip = hubZip("../");
    https.serve("/hub/connect-file.zip", Files.readAllBytes(zip));
    Path downloaded =
        downloader.download(
            https.uri("/hub/connect-file.zip"), Checksum.sha256Of(zip), false, WHERE);
    Path connectorDirectory = work.resolve("image/usr/share/confluent-hub-components/file");

    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ArchiveUnpacker.unpack(downloaded, connectorDirectory, WHERE));
    assertTrue(e.getMessage().contains("its entry \"../manifest.json\" would be written outside"));
    assertFalse(Files.exists(connectorDirectory));
    assertFalse(Files.exists(connectorDirectory.resolveSibling("manifest.json")));
  }

  @Test
  void aLibraryOnlyArchiveHoldsNoPluginClass() throws Exception {
    Path zip = work.resolve("only-docs.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("doc/README.md"));
      out.write("# no code here".getBytes());
      out.closeArchiveEntry();
    }
    URI uri = https.uri("/only-docs.zip");
    https.serve("/only-docs.zip", Files.readAllBytes(zip));
    Path unpacked = work.resolve("unpacked");
    ArchiveUnpacker.unpack(
        downloader.download(uri, Checksum.sha256Of(zip), false, WHERE), unpacked, WHERE);
    assertEquals(List.of(), ConnectPluginScanner.findPluginClasses(unpacked, WHERE));
  }
}
