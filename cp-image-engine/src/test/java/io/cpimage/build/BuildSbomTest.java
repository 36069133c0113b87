package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.connector.ConnectorSource;
import io.cpimage.sbom.ImageSbom;
import io.cpimage.testing.ClassJars;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SBOM of a build on a base that holds this machine's real Debian package database and
 * os-release, the running JDK's release file and real Kafka jars: what dpkg itself lists as
 * installed is what the SBOM lists, and the document CycloneDX's validator accepts is the one in
 * the image.
 */
class BuildSbomTest {
  private static final String JAVA_HOME = "/usr/lib/jvm/base-jdk";

  @TempDir Path temp;

  @Test
  void listsTheBasesPackagesJarsAndJdkAndWhatTheBuildAdded() throws Exception {
    Path base = baseTar();
    Path connector = Files.createDirectories(temp.resolve("file-connector"));
    Path connectFile =
        ClassJars.jarOf(org.apache.kafka.connect.file.FileStreamSourceConnector.class);
    Files.copy(connectFile, connector.resolve(connectFile.getFileName()));
    // As cp-kafka lays in Kafka's jars: an <extraDirectories> tree into /usr/share/java/kafka.
    Path extra = Files.createDirectories(temp.resolve("jars"));
    Path connectJson = ClassJars.jarOf(org.apache.kafka.connect.json.JsonConverter.class);
    Files.copy(connectJson, extra.resolve(connectJson.getFileName()));
    // Written a minute ago, as a project's files usually are: their SHA-256s are kept by size and
    // time for the second build, which then reads no added file (every digest from the caches).
    FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(connector.resolve(connectFile.getFileName()), earlier);
    Files.setLastModifiedTime(extra.resolve(connectJson.getFileName()), earlier);

    BuildReport first = ImageBuild.run(spec(base, "first", connector), e -> {}).report();
    BuildReport second = ImageBuild.run(spec(base, "second", connector), e -> {}).report();

    Path beside = temp.resolve("work-first/sbom.cdx.json");
    assertEquals(beside.toString(), first.sbom());
    byte[] json = Files.readAllBytes(beside);
    assertArrayEquals(json, imageFile(temp.resolve("first.tar"), ImageSbom.IMAGE_PATH));
    assertEquals(List.of(), new JsonParser().validate(json, ImageSbom.SPEC_VERSION));
    assertEquals(ImageSbom.IMAGE_PATH, first.labels().get(ImageSbom.LABEL));
    // The SBOM shares the image's last layer with the image's file tree.
    BuildReport.LayerRecord layer = first.layers().get(first.layers().size() - 1);
    assertEquals("sbom-and-file-tree", layer.name());
    assertEquals(List.of(ImageSbom.IMAGE_PATH, ImageFileTree.IMAGE_PATH), layer.files());
    // An unchanged build writes the same SBOM, its digests from the caches (the same as computed
    // from the files' bytes, below), so its layer keeps its digest.
    assertArrayEquals(json, Files.readAllBytes(Path.of(second.sbom())));
    assertEquals(layer, second.layers().get(second.layers().size() - 1));

    Bom bom = new JsonParser().parse(json);
    assertEquals("test/image:1", bom.getMetadata().getComponent().getName());
    Set<String> debs = new TreeSet<>();
    for (Component component : bom.getComponents()) {
      if (component.getPurl() != null && component.getPurl().startsWith("pkg:deb/")) {
        debs.add(component.getName() + " " + component.getVersion());
        assertTrue(component.getPurl().contains("arch="), component.getPurl());
      }
    }
    assertEquals(dpkgQueryInstalled(), debs);

    Component container = only(bom, c -> c.getType() == Component.Type.CONTAINER);
    assertEquals("base.tar", container.getName());
    assertEquals(first.baseImageId(), container.getVersion());

    Path clients = ClassJars.jarOf(org.apache.kafka.clients.producer.KafkaProducer.class);
    Component kafkaJar = only(bom, c -> "kafka-clients".equals(c.getName()));
    assertEquals(sha256(clients), hash(kafkaJar, Hash.Algorithm.SHA_256));

    Component jdk = only(bom, c -> c.getType() == Component.Type.PLATFORM);
    assertEquals(System.getProperty("java.version"), jdk.getVersion());

    Component extraJar = only(bom, c -> "connect-json".equals(c.getName()));
    assertEquals(sha256(connectJson), hash(extraJar, Hash.Algorithm.SHA_256));
    assertEquals(
        "/usr/share/java/kafka/" + connectJson.getFileName(),
        extraJar.getProperties().get(0).getValue());

    Component file = only(bom, c -> "file-connector".equals(c.getName()));
    Component nested = file.getComponents().get(0);
    // Kafka's jars are built by Gradle and carry no pom.properties: named by their file name.
    assertEquals("connect-file", nested.getName());
    assertEquals(versionOf(connectFile), nested.getVersion());
    assertEquals(sha256(connectFile), hash(nested, Hash.Algorithm.SHA_256));
    assertEquals(digest(connectFile, "SHA-512"), hash(nested, Hash.Algorithm.SHA_512));
    assertEquals(digest(connectJson, "SHA-512"), hash(extraJar, Hash.Algorithm.SHA_512));
  }

  /** Two builds of one module (base-images' two lines) keep one SBOM each beside their reports. */
  @Test
  void theCopyBesideIsNamedAfterTheReport() {
    assertEquals("sbom.cdx.json", BuildSbom.besideName("report.json"));
    assertEquals("sbom-kafka4.cdx.json", BuildSbom.besideName("report-kafka4.json"));
    assertEquals("build.sbom.cdx.json", BuildSbom.besideName("build.json"));
  }

  private ImageSpec spec(Path base, String name, Path connector) throws ImageBuildException {
    return ImageSpec.builder(
            ImageLocation.parse("tar://" + base, "<from><image>", temp),
            ImageLocation.parse("tar://" + temp.resolve(name + ".tar"), "<to><image>", temp),
            temp.resolve("work-" + name))
        .tarImageName("test/image:1")
        .connectors(
            List.of(
                new ImageSpec.ConnectorSpec(
                    "file-connector",
                    new ConnectorSource.LocalFile(connector, null),
                    List.of(),
                    "<connectors><connector name=\"file-connector\">")))
        .extraDirectories(
            List.of(new ImageSpec.ExtraDirectory(temp.resolve("jars"), "/usr/share/java/kafka")))
        .utilityBelt(false)
        .downloadCache(temp.resolve("downloads"))
        .build();
  }

  /** A one-layer base holding this machine's dpkg database, os-release, JDK release and jars. */
  private Path baseTar() throws Exception {
    Map<String, byte[]> layerFiles = new LinkedHashMap<>();
    layerFiles.put("etc/passwd", "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    layerFiles.put("etc/os-release", Files.readAllBytes(Path.of("/etc/os-release")));
    layerFiles.put("var/lib/dpkg/status", Files.readAllBytes(Path.of("/var/lib/dpkg/status")));
    layerFiles.put(
        JAVA_HOME.substring(1) + "/release",
        Files.readAllBytes(Path.of(System.getProperty("java.home"), "release")));
    Path clients = ClassJars.jarOf(org.apache.kafka.clients.producer.KafkaProducer.class);
    layerFiles.put("usr/share/java/kafka/" + clients.getFileName(), Files.readAllBytes(clients));
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(layer)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : layerFiles.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setMode(0100644);
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
    byte[] layerBytes = layer.toByteArray();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("layer.tar", layerBytes);
    files.put(
        "config.json",
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"root\",\"Env\":["
                + "\"JAVA_HOME="
                + JAVA_HOME
                + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layerBytes))
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        "manifest.json",
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"layer.tar\"]}]"
            .getBytes(StandardCharsets.UTF_8));
    return BaseImageTest.imageTar(temp.resolve("base.tar"), false, files);
  }

  /** What dpkg itself says is installed on this machine: "name version" per package. */
  private static Set<String> dpkgQueryInstalled() throws Exception {
    Process dpkg =
        new ProcessBuilder(
                "dpkg-query", "-W", "-f", "${db:Status-Status} ${binary:Package} ${Version}\\n")
            .redirectErrorStream(true)
            .start();
    String output = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, dpkg.waitFor(), output);
    Set<String> installed = new TreeSet<>();
    for (String line : output.split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("installed")) {
        // binary:Package carries ":arch" for Multi-Arch: same packages; the SBOM's name does not.
        installed.add(parts[1].replaceFirst(":.*$", "") + " " + parts[2]);
      }
    }
    assertFalse(installed.isEmpty(), output);
    return installed;
  }

  /** The file at {@code imagePath} in a docker-save tar's layers. */
  private static byte[] imageFile(Path imageTar, String imagePath) throws IOException {
    String wanted = imagePath.substring(1);
    try (TarArchiveInputStream image =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(imageTar)))) {
      for (TarArchiveEntry entry; (entry = image.getNextEntry()) != null; ) {
        if (!entry.isFile() || entry.getName().endsWith(".json")) {
          continue;
        }
        InputStream layer = new BufferedInputStream(new ByteArrayInputStream(image.readAllBytes()));
        layer.mark(2);
        boolean gzip = layer.read() == 0x1f && layer.read() == 0x8b;
        layer.reset();
        TarArchiveInputStream files =
            new TarArchiveInputStream(gzip ? new GZIPInputStream(layer) : layer);
        for (TarArchiveEntry file; (file = files.getNextEntry()) != null; ) {
          if (file.getName().replaceFirst("^\\./", "").equals(wanted)) {
            return files.readAllBytes();
          }
        }
      }
    }
    throw new AssertionError(imagePath + " is in no layer of " + imageTar);
  }

  private static Component only(Bom bom, java.util.function.Predicate<Component> which) {
    List<Component> found = bom.getComponents().stream().filter(which).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  private static String hash(Component component, Hash.Algorithm algorithm) {
    return component.getHashes().stream()
        .filter(h -> h.getAlgorithm().equals(algorithm.getSpec()))
        .map(Hash::getValue)
        .findFirst()
        .orElse("");
  }

  private static String versionOf(Path jar) {
    String name = jar.getFileName().toString();
    return name.substring("connect-file-".length(), name.length() - ".jar".length());
  }

  private static String sha256(Path file) throws Exception {
    return digest(file, "SHA-256");
  }

  private static String digest(Path file, String algorithm) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
  }
}
