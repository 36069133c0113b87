package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.testing.ClassJars;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.transforms.Cast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Scans real jars: Kafka's connect-file connector, and plugins this test compiles with javac
 * against the real connect-api, split over two jars the way a connector and its base library are.
 */
class ConnectPluginScannerTest {
  private static final String WHERE = "<connectors><connector name=\"acme\">";

  @TempDir static Path compiled;
  @TempDir Path work;

  /** A connector's base classes (abstract), packed alone in acme-base.jar. */
  private static final Map<String, String> BASE_SOURCES =
      Map.of(
          "com/example/base/AbstractAcmeSource.java",
          """
          package com.example.base;
          public abstract class AbstractAcmeSource
              extends org.apache.kafka.connect.source.SourceConnector {
            @Override public String version() { return "1.0"; }
          }
          """,
          "com/example/base/AcmeConverterApi.java",
          """
          package com.example.base;
          public interface AcmeConverterApi extends org.apache.kafka.connect.storage.Converter {}
          """);

  /** Every plugin class the acme sources define, found when the base class can be read too. */
  private static final List<String> EVERY_ACME_PLUGIN =
      List.of(
          "com.example.acme.AcmeConverter",
          "com.example.acme.AcmeSourceConnector",
          "com.example.acme.NeedsArguments",
          "com.example.acme.Transforms$Always",
          "com.example.acme.Transforms$Drop",
          "com.example.acme.UpperCaseConverter",
          "com.example.acme.VaultConfigProvider");

  /** The plugins themselves, in acme-connector.jar. */
  private static final Map<String, String> PLUGIN_SOURCES =
      Map.of(
          "com/example/acme/AcmeSourceConnector.java",
"""
          package com.example.acme;
          import java.util.HashMap;
import java.util.List;
          import java.util.Map;
          import org.apache.kafka.common.config.ConfigDef;
          import org.apache.kafka.connect.connector.Task;
          public class AcmeSourceConnector extends com.example.base.AbstractAcmeSource {
            @Override public void start(Map<String, String> props) {}
            @Override public Class<? extends Task> taskClass() { return null; }
            @Override public List<Map<String, String>> taskConfigs(int max) { return List.of(); }
            @Override public void stop() {}
            @Override public ConfigDef config() { return new ConfigDef(); }
          }
          """,
          "com/example/acme/AcmeConverter.java",
          """
          package com.example.acme;
          import java.util.Map;
          import org.apache.kafka.connect.data.Schema;
          import org.apache.kafka.connect.data.SchemaAndValue;
          public class AcmeConverter implements com.example.base.AcmeConverterApi {
            @Override public void configure(Map<String, ?> configs, boolean isKey) {}
            @Override public byte[] fromConnectData(String topic, Schema schema, Object value) {
              return null;
            }
            @Override public SchemaAndValue toConnectData(String topic, byte[] value) { return null; }
          }
          """,
          "com/example/acme/NeedsArguments.java",
          """
          package com.example.acme;
          /** No no-argument constructor: a ServiceLoader could not make it. */
          public class NeedsArguments extends org.apache.kafka.connect.storage.StringConverter {
            public NeedsArguments(String prefix) {}
          }
          """,
          "com/example/acme/UpperCaseConverter.java",
          """
          package com.example.acme;
          public class UpperCaseConverter extends org.apache.kafka.connect.storage.StringConverter {}
          """,
          "com/example/acme/Transforms.java",
          """
          package com.example.acme;
          import java.util.Map;
          import org.apache.kafka.common.config.ConfigDef;
          import org.apache.kafka.connect.connector.ConnectRecord;
          import org.apache.kafka.connect.transforms.Transformation;
          import org.apache.kafka.connect.transforms.predicates.Predicate;
          public class Transforms {
            public static class Drop<R extends ConnectRecord<R>> implements Transformation<R> {
              @Override public R apply(R record) { return null; }
              @Override public ConfigDef config() { return new ConfigDef(); }
              @Override public void close() {}
              @Override public void configure(Map<String, ?> configs) {}
            }
            public static class Always<R extends ConnectRecord<R>> implements Predicate<R> {
              @Override public ConfigDef config() { return new ConfigDef(); }
              @Override public boolean test(R record) { return true; }
              @Override public void close() {}
              @Override public void configure(Map<String, ?> configs) {}
            }
            /** Not public: the worker could not instantiate it. */
            static class Hidden<R extends ConnectRecord<R>> extends Drop<R> {}
            /** Abstract: not a plugin by itself. */
            public abstract static class Partial<R extends ConnectRecord<R>> extends Drop<R> {}
          }
          """,
          "com/example/acme/VaultConfigProvider.java",
          """
          package com.example.acme;
          import java.util.Map;
          import java.util.Set;
          import org.apache.kafka.common.config.ConfigData;
          public class VaultConfigProvider
              implements org.apache.kafka.common.config.provider.ConfigProvider {
            @Override public ConfigData get(String path) { return new ConfigData(Map.of()); }
            @Override public ConfigData get(String path, Set<String> keys) { return get(path); }
            @Override public void close() {}
            @Override public void configure(Map<String, ?> configs) {}
          }
          """,
          "com/example/acme/Strings.java",
          """
          package com.example.acme;
          public final class Strings {
            public static String upper(String s) { return s.toUpperCase(); }
          }
          """);

  private static Path baseJar;
  private static Path pluginJar;
  private static Path pluginClasses;

  @BeforeAll
  static void compilePlugins() throws Exception {
    Path sources = compiled.resolve("src");
    Map<String, String> all = new HashMap<>(BASE_SOURCES);
    all.putAll(PLUGIN_SOURCES);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : all.entrySet()) {
      Path file = sources.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    Path classes = Files.createDirectories(compiled.resolve("classes"));
    String classPath =
        Stream.of(Connector.class, ConfigProvider.class)
            .map(type -> ClassJars.jarOf(type).toString())
            .collect(Collectors.joining(File.pathSeparator));
    List<String> arguments =
        new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17"));
    arguments.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        javac.run(null, OutputStream.nullOutputStream(), errors, arguments.toArray(String[]::new));
    assertEquals(0, status, "javac failed: " + errors);
    baseJar = jar(compiled.resolve("acme-base.jar"), classes, "com/example/base/");
    pluginJar = jar(compiled.resolve("acme-connector.jar"), classes, "com/example/acme/");
    pluginClasses = classes;
  }

  @Test
  void findsConnectFilesConnectorsInItsRealJar() throws Exception {
    Path connector = Files.createDirectories(work.resolve("connect-file"));
    Files.copy(
        ClassJars.jarOf(FileStreamSourceConnector.class), connector.resolve("connect-file.jar"));
    assertEquals(
        List.of(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector"),
        ConnectPluginScanner.findPluginClasses(connector));
  }

  @Test
  void followsABaseClassThatLivesInAnotherJarOfTheDirectory() throws Exception {
    Path connector = Files.createDirectories(work.resolve("acme/lib"));
    Files.copy(pluginJar, connector.resolve(pluginJar.getFileName()));
    Files.copy(baseJar, connector.resolve(baseJar.getFileName()));
    assertEquals(EVERY_ACME_PLUGIN, ConnectPluginScanner.findPluginClasses(work.resolve("acme")));
  }

  @Test
  void withoutTheBaseJarItsSubclassesAreNotPlugins() throws Exception {
    Path connector = Files.createDirectories(work.resolve("acme"));
    Files.copy(pluginJar, connector.resolve(pluginJar.getFileName()));
    assertEquals(
        List.of(
            "com.example.acme.NeedsArguments",
            "com.example.acme.Transforms$Always",
            "com.example.acme.Transforms$Drop",
            "com.example.acme.UpperCaseConverter",
            "com.example.acme.VaultConfigProvider"),
        ConnectPluginScanner.findPluginClasses(connector));
  }

  /**
   * One read gives each plugin's service types (KIP-898), only for classes a ServiceLoader could
   * make, and the entries of the directory's own service files, comments and blanks left out.
   */
  @Test
  void findsEachPluginsServiceTypesAndTheDirectorysOwnManifests() throws Exception {
    Path connector = Files.createDirectories(work.resolve("acme"));
    Files.copy(pluginJar, connector.resolve(pluginJar.getFileName()));
    Files.copy(baseJar, connector.resolve(baseJar.getFileName()));
    try (JarOutputStream out =
        new JarOutputStream(Files.newOutputStream(connector.resolve("own-manifests.jar")))) {
      out.putNextEntry(
          new JarEntry("META-INF/services/org.apache.kafka.connect.storage.Converter"));
      out.write("# ours\n com.example.acme.AcmeConverter # the first\n\n".getBytes());
      out.putNextEntry(new JarEntry("META-INF/services/com.example.NotAPluginType"));
      out.write("com.example.acme.Strings\n".getBytes());
    }

    ConnectPluginScanner.Scan scan = ConnectPluginScanner.scanPlugins(connector, WHERE);

    assertEquals(EVERY_ACME_PLUGIN, scan.pluginClasses());
    assertEquals(
        Map.of(
            "org.apache.kafka.connect.source.SourceConnector",
            Set.of("com.example.acme.AcmeSourceConnector"),
            "org.apache.kafka.connect.storage.Converter",
            Set.of("com.example.acme.AcmeConverter", "com.example.acme.UpperCaseConverter"),
            "org.apache.kafka.connect.storage.HeaderConverter",
            Set.of("com.example.acme.UpperCaseConverter"),
            "org.apache.kafka.connect.transforms.Transformation",
            Set.of("com.example.acme.Transforms$Drop"),
            "org.apache.kafka.connect.transforms.predicates.Predicate",
            Set.of("com.example.acme.Transforms$Always"),
            "org.apache.kafka.common.config.provider.ConfigProvider",
            Set.of("com.example.acme.VaultConfigProvider")),
        scan.services());
    assertEquals(
        Map.of(
            "org.apache.kafka.connect.storage.Converter", Set.of("com.example.acme.AcmeConverter")),
        scan.declaredServices());
  }

  @Test
  void kafkasOwnConnectorJarDeclaresEveryPlugin() throws Exception {
    Path connector = Files.createDirectories(work.resolve("connect-file"));
    Files.copy(
        ClassJars.jarOf(FileStreamSourceConnector.class), connector.resolve("connect-file.jar"));
    ConnectPluginScanner.Scan scan = ConnectPluginScanner.scanPlugins(connector, WHERE);
    assertEquals(scan.services(), scan.declaredServices());
    assertEquals(
        Set.of("org.apache.kafka.connect.file.FileStreamSourceConnector"),
        scan.services().get("org.apache.kafka.connect.source.SourceConnector"));
  }

  @Test
  void readsLooseClassFiles() throws Exception {
    assertEquals(EVERY_ACME_PLUGIN, ConnectPluginScanner.findPluginClasses(pluginClasses));
  }

  @Test
  void aLibraryJarHoldsNoPluginClass() throws Exception {
    Path library = Files.createDirectories(work.resolve("slf4j"));
    Files.copy(ClassJars.jarOf(Logger.class), library.resolve("slf4j-api.jar"));
    Files.writeString(library.resolve("README.txt"), "not a jar");
    assertEquals(List.of(), ConnectPluginScanner.findPluginClasses(library));
    assertEquals(List.of(), ConnectPluginScanner.findPluginClasses(work.resolve("slf4j")));
  }

  @Test
  void aDamagedJarIsNamed() throws Exception {
    Path connector = Files.createDirectories(work.resolve("broken"));
    Files.writeString(connector.resolve("connector.jar"), "<html>404</html>");
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ConnectPluginScanner.findPluginClasses(connector, WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": " + connector.resolve("connector.jar") + " is not"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Replace it with an intact copy"), e.getMessage());
  }

  @Test
  void aDamagedClassFileIsNamed() throws Exception {
    Path connector = Files.createDirectories(work.resolve("broken"));
    Path jar = connector.resolve("connector.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("com/example/Broken.class"));
      out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 0});
    }
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ConnectPluginScanner.findPluginClasses(connector, WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": connector.jar!/com/example/Broken.class is not"),
        e.getMessage());
  }

  /**
   * kafka-plugin-types.txt lists the plugin types Kafka's own jars define (which a connector's
   * directory does not hold); it must match those jars at the Kafka version the build uses.
   */
  @Test
  void theListOfKafkasPluginTypesMatchesKafkasJars() throws Exception {
    Path kafka = Files.createDirectories(work.resolve("kafka"));
    for (Class<?> type :
        List.of(ConfigProvider.class, Connector.class, Cast.class, JsonConverter.class)) {
      Path jar = ClassJars.jarOf(type);
      Files.copy(jar, kafka.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Set<String> expected = new TreeSet<>();
    ConnectPluginScanner.extensiblePluginTypes(kafka)
        .forEach(
            (type, services) -> expected.add((type + " " + String.join(",", services)).strip()));
    Set<String> listed = new TreeSet<>();
    try (InputStream in =
        ConnectPluginScanner.class.getResourceAsStream("kafka-plugin-types.txt")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(listed::add);
    }
    assertEquals(
        String.join("\n", expected),
        String.join("\n", listed),
        "update src/main/resources/io/cpimage/artifact/kafka-plugin-types.txt");
    assertTrue(
        listed.contains(
            "org.apache.kafka.connect.json.JsonConverter"
                + " org.apache.kafka.connect.storage.Converter,"
                + "org.apache.kafka.connect.storage.HeaderConverter"));
  }

  private static Path jar(Path jar, Path classes, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        if (name.startsWith(prefix)) {
          out.putNextEntry(new JarEntry(name));
          out.write(Files.readAllBytes(file));
          out.closeEntry();
        }
      }
    }
    return jar;
  }
}
