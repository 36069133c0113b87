package io.cpimage.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorDeclarationTest {

  @Test
  void defaultName_artifact_isTheArtifactId() {
    ConnectorSource source =
        new ConnectorSource.MavenArtifact(
            "io.debezium:debezium-connector-postgres:3.1.0.Final:plugin:tar.gz");

    assertEquals("debezium-connector-postgres", ConnectorDeclaration.of(source, List.of()).name());
  }

  @Test
  void defaultName_urlAndFile_dropVersionClassifierAndExtension() {
    assertEquals(
        "confluentinc-kafka-connect-jdbc",
        new ConnectorSource.Download(
                "https://example.org/c/confluentinc-kafka-connect-jdbc-10.7.4.zip?x=1",
                "sha256",
                "00",
                false)
            .defaultName());
    assertEquals(
        "debezium-connector-mysql",
        new ConnectorSource.LocalFile("plugins/debezium-connector-mysql-3.1.0.Final-plugin.tgz")
            .defaultName());
    assertEquals("my-connector", new ConnectorSource.LocalFile("my-connector.jar").defaultName());
  }

  @Test
  void defaultName_onlyATrailingVersionIsDropped() {
    assertEquals(
        "my-2fa-connector",
        new ConnectorSource.LocalFile("lib/my-2fa-connector-1.2.3.tar.gz").defaultName());
    assertEquals(
        "kafka-connect-s3",
        new ConnectorSource.LocalFile("kafka-connect-s3-10.5.0-SNAPSHOT.zip").defaultName());
    assertEquals("connect-v2", new ConnectorSource.LocalFile("connect-v2.jar").defaultName());
  }

  @Test
  void mavenArtifact_malformedCoordinates_areRefusedWithTheExpectedForm() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ConnectorSource.MavenArtifact("org.apache.kafka:connect-file"));

    assertTrue(
        refused.getMessage().contains("groupId:artifactId:version[:classifier[:type]]"),
        refused.getMessage());
  }

  @Test
  void name_thatIsNotOneDirectory_isRefusedNamingDashDName() {
    ConnectorDeclaration declaration =
        ConnectorDeclaration.of(new ConnectorSource.LocalFile("a.jar"), List.of());

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> declaration.withName("../etc"));

    assertTrue(refused.getMessage().contains("-Dname="), refused.getMessage());
  }

  @Test
  void download_writesUrlChecksumAndInsecureInOrder_checksumInLowerCase() {
    ConnectorSource source =
        new ConnectorSource.Download("http://h/c.jar", "sha512", "ABCDEF", true);

    assertEquals(
        List.of(
            Map.entry("url", "http://h/c.jar"),
            Map.entry("sha512", "abcdef"),
            Map.entry("insecure", "true")),
        List.copyOf(source.elements().entrySet()));
  }

  @Test
  void fromElements_readsEachFormBack() {
    assertEquals(
        new ConnectorSource.Download("https://h/c.zip", "sha512", "ab", false),
        ConnectorSource.fromElements(Map.of("url", "https://h/c.zip", "sha512", "AB")).get());
    assertEquals(
        new ConnectorSource.LocalFile("c.jar"),
        ConnectorSource.fromElements(Map.of("file", "c.jar")).get());
    assertTrue(ConnectorSource.fromElements(Map.of("name", "x")).isEmpty());
  }
}
