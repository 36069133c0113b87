package io.cpimage.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.connector.ConnectorSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorDeclarationTest {

  @Test
  void defaultName_artifact_isTheArtifactId() throws Exception {
    ConnectorSource source =
        Sources.artifact("io.debezium:debezium-connector-postgres:3.1.0.Final:plugin:tar.gz");

    assertEquals("debezium-connector-postgres", ConnectorDeclaration.of(source, List.of()).name());
  }

  @Test
  void defaultName_urlAndFile_dropVersionClassifierAndExtension() throws Exception {
    assertEquals(
        "confluentinc-kafka-connect-jdbc",
        Sources.download(
                "https://example.org/c/confluentinc-kafka-connect-jdbc-10.7.4.zip?x=1",
                "sha256",
                "00".repeat(32),
                false)
            .defaultName());
    assertEquals(
        "debezium-connector-mysql",
        Sources.file("plugins/debezium-connector-mysql-3.1.0.Final-plugin.tgz").defaultName());
    assertEquals("my-connector", Sources.file("my-connector.jar").defaultName());
  }

  @Test
  void defaultName_onlyATrailingVersionIsDropped() {
    assertEquals(
        "my-2fa-connector", Sources.file("lib/my-2fa-connector-1.2.3.tar.gz").defaultName());
    assertEquals(
        "kafka-connect-s3", Sources.file("kafka-connect-s3-10.5.0-SNAPSHOT.zip").defaultName());
    assertEquals("connect-v2", Sources.file("connect-v2.jar").defaultName());
  }

  @Test
  void name_thatIsNotOneDirectory_isRefusedNamingDashDName() {
    ConnectorDeclaration declaration = ConnectorDeclaration.of(Sources.file("a.jar"), List.of());

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> declaration.withName("../etc"));

    assertTrue(refused.getMessage().contains("-Dname="), refused.getMessage());
  }

  @Test
  void download_writesUrlChecksumAndInsecureInOrder_checksumInLowerCase() throws Exception {
    ConnectorSource source =
        Sources.download("http://h/c.jar", "sha512", "ABCDEF".repeat(21) + "AB", true);

    assertEquals(
        List.of(
            Map.entry("url", "http://h/c.jar"),
            Map.entry("sha512", "abcdef".repeat(21) + "ab"),
            Map.entry("insecure", "true")),
        List.copyOf(SourceElements.of(source).entrySet()));
  }

  @Test
  void fromElements_readsEachFormBack() throws Exception {
    assertEquals(
        Sources.download("https://h/c.zip", "sha512", "ab".repeat(64), false),
        SourceElements.read(Map.of("url", "https://h/c.zip", "sha512", "AB".repeat(64)), false)
            .get());
    assertEquals(Sources.file("c.jar"), SourceElements.read(Map.of("file", "c.jar"), false).get());
    assertTrue(SourceElements.read(Map.of("name", "x"), false).isEmpty());
  }
}
