package io.cpimage.connector;

import io.cpimage.artifact.ArtifactException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What Kafka Connect's plugin isolation would get wrong with the connectors' directories, found
 * before the image is built: jars the worker provides itself (Kafka's, slf4j, slf4j's bindings),
 * test jars, and a plugin class that two connectors carry.
 *
 * <p>The worker gives each plugin directory its own class loader, but loads every {@code
 * org.apache.kafka.*} and {@code org.slf4j.*} class from its own class path first (the rule in
 * Kafka's {@code PluginUtils.shouldLoadInIsolation}); only the plugins Kafka ships (the JSON
 * converter, the transformations, ...) are looked up in the plugin's directory first. So a bundled
 * {@code kafka-clients} or {@code slf4j-api} is never used, and a bundled {@code connect-json}
 * replaces the worker's for that connector alone. Classes of any other package are private to each
 * directory, so the same library in two directories is no clash; a plugin class is, since a
 * connector configuration names it by class name only.
 */
public final class PluginIsolation {
  /** The packages whose classes Kafka's plugin isolation loads from the worker's class path. */
  private static final Pattern WORKER_FIRST = Pattern.compile("^(org/apache/kafka|org/slf4j)/.*");

  /**
   * Kafka's classes that Connect looks up in a plugin's directory first: the plugins Kafka ships
   * with the worker, which a directory's own copy would replace for that connector.
   */
  private static final Pattern PLUGIN_FIRST =
      Pattern.compile(
          "^org/apache/kafka/(connect/(transforms/(?!Transformation\\.class$|predicates/Predicate\\.class$).*"
              + "|json/.*|converters/.*|storage/StringConverter\\.class|storage/SimpleHeaderConverter\\.class"
              + "|rest/basic/auth/extension/.*|connector/policy/.*)"
              + "|common/config/provider/(?!ConfigProvider\\.class$).*)$");

  /**
   * Kafka's own connectors, which the worker's class path does not hold: a directory of them is a
   * connector like any other.
   */
  private static final Pattern KAFKA_CONNECTORS =
      Pattern.compile("^org/apache/kafka/connect/(file|mirror)/.*");

  /** slf4j's logging back-ends: the worker binds slf4j to its own, so a bundled one never is. */
  private static final Pattern SLF4J_BINDINGS =
      Pattern.compile("^(ch/qos/logback/classic|org/apache/logging/slf4j)/.*");

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests?\\.jar$");

  private PluginIsolation() {}

  /** One connector's directory as it goes into the image: its jars and its plugin classes. */
  public record ConnectorContents(
      String name, String where, Path directory, List<Path> jars, List<String> pluginClasses) {}

  /**
   * The problems of {@code connectors}, each a message naming the connector, the jar or class and
   * the fix; empty when there is none.
   *
   * @throws ArtifactException when a jar cannot be read
   */
  public static List<String> problemsOf(List<ConnectorContents> connectors)
      throws ArtifactException {
    List<String> problems = new ArrayList<>();
    Map<String, String> firstWithPlugin = new LinkedHashMap<>();
    for (ConnectorContents connector : connectors) {
      for (Path jar : connector.jars()) {
        problemOf(connector, jar).ifPresent(problems::add);
      }
      for (String plugin : connector.pluginClasses()) {
        String first = firstWithPlugin.putIfAbsent(plugin, connector.name());
        if (first != null) {
          problems.add(
              "<connectors>: the plugin class "
                  + plugin
                  + " is in connector '"
                  + first
                  + "' and in connector '"
                  + connector.name()
                  + "'. A connector configuration names its plugin by class name only, so the"
                  + " worker uses one of the copies (the higher version) and the other is never"
                  + " used. Keep the plugin in one connector.");
        }
      }
    }
    return problems;
  }

  private static Optional<String> problemOf(ConnectorContents connector, Path jar)
      throws ArtifactException {
    // A connector's <libraries> are added from where they were fetched, beside its own files.
    String file =
        jar.startsWith(connector.directory())
            ? connector.directory().relativize(jar).toString()
            : jar.getFileName().toString();
    String prefix = connector.where() + ": " + file + " ";
    if (TEST_JAR.matcher(jar.getFileName().toString()).matches()) {
      return Optional.of(
          prefix
              + "is a test jar: tests' classes do not belong in an image. Remove it from the"
              + " connector.");
    }
    TreeSet<String> workerFirst = new TreeSet<>();
    TreeSet<String> pluginFirst = new TreeSet<>();
    TreeSet<String> bindings = new TreeSet<>();
    for (String entry : classEntries(jar, connector.where())) {
      if (KAFKA_CONNECTORS.matcher(entry).matches()) {
        continue;
      }
      if (PLUGIN_FIRST.matcher(entry).matches()) {
        pluginFirst.add(className(entry));
      } else if (WORKER_FIRST.matcher(entry).matches()) {
        workerFirst.add(className(entry));
      } else if (SLF4J_BINDINGS.matcher(entry).matches()) {
        bindings.add(className(entry));
      }
    }
    String fix =
        " Remove it from the connector (a connector built with Maven declares Kafka's and slf4j's"
            + " artifacts with <scope>provided</scope>).";
    if (!workerFirst.isEmpty()) {
      return Optional.of(
          prefix
              + "holds classes the Connect worker provides ("
              + sample(workerFirst)
              + "): Kafka's plugin isolation loads org.apache.kafka.* and org.slf4j.* from the"
              + " worker's class path, so this copy is never used and only hides which version"
              + " runs."
              + fix);
    }
    if (!pluginFirst.isEmpty()) {
      return Optional.of(
          prefix
              + "holds plugins the Connect worker already has ("
              + sample(pluginFirst)
              + "): this connector would use its own copy instead, another version than the"
              + " worker's."
              + fix);
    }
    if (!bindings.isEmpty()) {
      return Optional.of(
          prefix
              + "is a logging back-end for slf4j ("
              + sample(bindings)
              + "): the worker binds slf4j to its own logging, so this one is never used."
              + fix);
    }
    return Optional.empty();
  }

  private static List<String> classEntries(Path jar, String where) throws ArtifactException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
          .map(ZipEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
          .toList();
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": " + jar + " is not a readable jar (" + e.getMessage() + ")", e);
    }
  }

  private static String className(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  /** The first class and how many there are, e.g. {@code org.a.B, … 812 classes}. */
  private static String sample(TreeSet<String> classes) {
    return classes.size() == 1
        ? classes.first()
        : classes.first() + ", … " + classes.size() + " classes";
  }

  /** The jars under {@code directory}, sorted. */
  public static List<Path> jarsUnder(Path directory, String where) throws ArtifactException {
    try (var walk = Files.walk(directory)) {
      return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException(
          where + ": cannot list the files under " + directory + ": " + e, e);
    }
  }
}
