package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ConnectPluginScanner;
import io.cpimage.testing.ClassJars;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Kafka's real connect-file connector, once with its own manifests and once stripped of them (as
 * connectors built before Kafka 3.6 are), read by a real {@link ServiceLoader}.
 */
class ServiceManifestsTest {
  private static final String SOURCE = "org.apache.kafka.connect.source.SourceConnector";
  private static final String SINK = "org.apache.kafka.connect.sink.SinkConnector";

  @TempDir Path work;

  @Test
  void aConnectorWithoutManifestsGetsOnesAServiceLoaderReads() throws Exception {
    Path connector = Files.createDirectories(work.resolve("file"));
    Path jar = strippedConnectFile(connector.resolve("connect-file.jar"));
    ServiceManifests missing =
        ServiceManifests.missingFrom(ConnectPluginScanner.scanPlugins(connector, "<c>"));
    Path manifests = connector.resolve(ServiceManifests.JAR_NAME);

    assertEquals(Set.of(), providers(SOURCE, jar), "no manifest, nothing found");
    missing.writeJar(manifests);

    assertEquals(
        Set.of("org.apache.kafka.connect.file.FileStreamSourceConnector"),
        providers(SOURCE, jar, manifests));
    assertEquals(
        Set.of("org.apache.kafka.connect.file.FileStreamSinkConnector"),
        providers(SINK, jar, manifests));
    // The same entries give the same bytes, so the layer is reused from one build to the next.
    Path again = work.resolve("again").resolve(ServiceManifests.JAR_NAME);
    missing.writeJar(again);
    assertArrayEquals(Files.readAllBytes(manifests), Files.readAllBytes(again));
    assertFalse(Files.exists(manifests.resolveSibling(ServiceManifests.JAR_NAME + ".partial")));
  }

  @Test
  void aConnectorWithItsOwnManifestsLacksNone() throws Exception {
    Path connector = Files.createDirectories(work.resolve("file"));
    Files.copy(
        ClassJars.jarOf(FileStreamSourceConnector.class), connector.resolve("connect-file.jar"));
    assertTrue(
        ServiceManifests.missingFrom(ConnectPluginScanner.scanPlugins(connector, "<c>")).isEmpty());
  }

  @Test
  void theImagesRecordKeepsTheBasesLocationsAndAddsEachOnce() {
    assertEquals(
        "/usr/share/java/kafka,/usr/share/confluent-hub-components/a",
        ServiceManifests.withLocations(
            "/usr/share/java/kafka, /usr/share/confluent-hub-components/a",
            List.of("/usr/share/confluent-hub-components/a")));
    assertEquals("/p/a", ServiceManifests.withLocations(null, List.of("/p/a")));
  }

  /** connect-file's jar without its META-INF/services entries. */
  private static Path strippedConnectFile(Path target) throws IOException {
    try (JarInputStream in =
            new JarInputStream(
                Files.newInputStream(ClassJars.jarOf(FileStreamSourceConnector.class)));
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        if (!entry.getName().startsWith("META-INF/services/")) {
          out.putNextEntry(new JarEntry(entry.getName()));
          out.write(in.readAllBytes());
        }
      }
    }
    return target;
  }

  /**
   * The providers of {@code service} a ServiceLoader finds in a class loader of Kafka's API jars
   * and {@code jars} alone, as a worker's plugin class loader sees a plugin's directory.
   */
  private static Set<String> providers(String service, Path... jars) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Class<?> type : List.of(Connector.class, ConfigDef.class, Logger.class)) {
      urls.add(ClassJars.jarOf(type).toUri().toURL());
    }
    for (Path jar : jars) {
      urls.add(jar.toUri().toURL());
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      return ServiceLoader.load(loader.loadClass(service), loader).stream()
          .map(provider -> provider.type().getName())
          .collect(Collectors.toSet());
    }
  }
}
