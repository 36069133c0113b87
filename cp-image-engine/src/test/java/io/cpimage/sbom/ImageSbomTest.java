package io.cpimage.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.FileDigests;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build writes the SBOM without validating it (the validator's set-up costs every build), so
 * this validates a document with every kind of component against CycloneDX's schema.
 */
class ImageSbomTest {
  @TempDir Path temp;

  @Test
  void everyKindOfComponentValidates() throws Exception {
    Path jar = temp.resolve("connect-file-4.4.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("META-INF/maven/org.apache.kafka/connect-file/pom.properties"));
      out.write("groupId=org.apache.kafka\nartifactId=connect-file\nversion=4.4.0\n".getBytes());
    }
    Path plain = Files.writeString(temp.resolve("driver.jar"), "not a zip");
    ImageSbom sbom =
        new ImageSbom(
            "example/connect:1",
            "0.1.0-SNAPSHOT",
            new FileDigests(new ContentHashes(), temp.resolve("sha512s")));
    sbom.baseImage("docker://cp-image/cp-kafka-connect:4.4.0", "sha256:" + "ab".repeat(32));
    sbom.operatingSystem(
        Optional.of(
            "ID=debian\nVERSION_ID=\"13\"\nVERSION_CODENAME=trixie\nPRETTY_NAME=\"Debian\"\n"),
        Optional.of(
            "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.41-12\n"));
    sbom.baseJar("/usr/share/java/kafka/kafka-clients-4.4.0.jar", "cd".repeat(32));
    sbom.jdk("/usr/lib/jvm/jdk-25", "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"25.0.5\"\n", null);
    sbom.utilityBelt(
        "0.1.0-SNAPSHOT",
        jar,
        "/usr/share/java/cp-image-utility-belt/belt.jar",
        plain,
        "/usr/share/java/cp-image-utility-belt/belt-checks.jar");
    sbom.library(
        "/usr/share/java/kafka",
        new ConnectorSource.MavenArtifact(
            MavenCoordinates.parse("org.apache.kafka:connect-file:4.4.0", "<libraries>"), false),
        List.of(jar, plain));
    sbom.extraJar(plain, "/opt/extra/driver.jar");
    sbom.connector(
        "file",
        "/usr/share/confluent-hub-components/file",
        new ConnectorSource.LocalFile(jar, null),
        List.of(jar),
        temp,
        List.of(jar));

    byte[] json = sbom.toJson();

    assertEquals(List.of(), new JsonParser().validate(json, ImageSbom.SPEC_VERSION));
  }
}
