package io.cpimage.artifact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Finds the Kafka Connect plugin classes in a connector's directory without loading any of them.
 *
 * <p>It reads the header of every class in every jar under the directory (and of loose {@code
 * .class} files) with ASM, builds the super-class and interface graph across all of them, and keeps
 * the public, concrete classes that reach one of Kafka's plugin types: {@code Connector} (so also
 * {@code SourceConnector} and {@code SinkConnector}), {@code Converter}, {@code HeaderConverter},
 * {@code Transformation}, {@code Predicate} and {@code ConfigProvider}. This is the class set the
 * Connect worker's plugin scan would report for that directory.
 *
 * <p>A connector is not supposed to bundle Kafka's own jars: the worker provides them. So the types
 * Kafka's jars define (for instance {@code SourceConnector}, or a converter such as {@code
 * StringConverter} that a plugin may extend) come from the resource {@code kafka-plugin-types.txt},
 * which a test checks against the real Kafka jars.
 */
public final class ConnectPluginScanner {
  /** The plugin kinds of Kafka Connect: every plugin class is, extends or implements one. */
  static final Set<String> PLUGIN_KINDS =
      Set.of(
          "org.apache.kafka.connect.connector.Connector",
          "org.apache.kafka.connect.storage.Converter",
          "org.apache.kafka.connect.storage.HeaderConverter",
          "org.apache.kafka.connect.transforms.Transformation",
          "org.apache.kafka.connect.transforms.predicates.Predicate",
          "org.apache.kafka.common.config.provider.ConfigProvider");

  private static final Set<String> KAFKA_PLUGIN_TYPES = loadKafkaPluginTypes();

  private ConnectPluginScanner() {}

  /**
   * The binary names ({@code com.example.MyConnector}, {@code com.example.Outer$Inner}) of the
   * plugin classes under {@code directory}, sorted; empty when there is none.
   *
   * @throws ArtifactException when a jar or class file cannot be read
   */
  public static List<String> findPluginClasses(Path directory) throws ArtifactException {
    return scan(directory);
  }

  /**
   * As {@link #findPluginClasses(Path)}, with failures reported against the pom element {@code
   * where}.
   */
  public static List<String> findPluginClasses(Path directory, String where)
      throws ArtifactException {
    try {
      return scan(directory);
    } catch (ArtifactException e) {
      throw new ArtifactException(where + ": " + e.getMessage(), e.getCause());
    }
  }

  private static List<String> scan(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = readClasses(directory);
    return new ArrayList<>(pluginTypes(classes, KAFKA_PLUGIN_TYPES, ClassHeader::isPublicConcrete));
  }

  private static Map<String, ClassHeader> readClasses(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot list the files under " + directory + ": " + e, e);
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".jar")) {
        readJar(file, classes);
      } else if (name.endsWith(".class") && !name.equals("module-info.class")) {
        try {
          add(Files.readAllBytes(file), file.toString(), classes);
        } catch (IOException e) {
          throw new ArtifactException("cannot read the class file " + file + ": " + e, e);
        }
      }
    }
    return classes;
  }

  /**
   * The public, extensible types under {@code directory} that are, extend or implement one of
   * {@link #PLUGIN_KINDS}: run on Kafka's own jars, this gives the list of {@code
   * kafka-plugin-types.txt}.
   */
  static Set<String> extensiblePluginTypes(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = readClasses(directory);
    return pluginTypes(classes, PLUGIN_KINDS, ClassHeader::isPublicExtensible);
  }

  private static Set<String> pluginTypes(
      Map<String, ClassHeader> classes, Set<String> knownTypes, Predicate<ClassHeader> filter) {
    Set<String> found = new TreeSet<>();
    Map<String, Boolean> memo = new HashMap<>();
    for (ClassHeader header : classes.values()) {
      if (filter.test(header) && isPluginType(header.name, classes, knownTypes, memo)) {
        found.add(header.name.replace('/', '.'));
      }
    }
    return found;
  }

  private static void readJar(Path jar, Map<String, ClassHeader> classes) throws ArtifactException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      boolean any = false;
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        any = true;
        String name = entry.getName();
        // Multi-release variants repeat classes of the base version; module-info declares no type.
        if (!entry.isDirectory()
            && name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          add(in.readAllBytes(), jar.getFileName() + "!/" + name, classes);
        }
      }
      if (!any) {
        throw new ZipException("no zip entries found");
      }
    } catch (IOException e) {
      throw new ArtifactException(
          jar + " is not a readable jar (" + e.getMessage() + "). Replace it with an intact copy.",
          e);
    }
  }

  private static void add(byte[] bytes, String location, Map<String, ClassHeader> classes)
      throws ArtifactException {
    ClassReader reader;
    try {
      reader = new ClassReader(bytes);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new ArtifactException(
          location
              + " is not a class file this plugin can read ("
              + e.getMessage()
              + "): it is damaged, or compiled for a newer Java than the plugin knows.",
          e);
    }
    // The first copy of a class wins, as in a class loader whose path lists the jars in order.
    classes.putIfAbsent(
        reader.getClassName(),
        new ClassHeader(
            reader.getClassName(),
            reader.getAccess(),
            reader.getSuperName(),
            reader.getInterfaces()));
  }

  /**
   * Whether {@code name} is, extends or implements a plugin type; iterative, graphs can be deep.
   */
  private static boolean isPluginType(
      String name,
      Map<String, ClassHeader> classes,
      Set<String> knownTypes,
      Map<String, Boolean> memo) {
    Deque<String> toVisit = new ArrayDeque<>(List.of(name));
    Set<String> seen = new HashSet<>();
    boolean result = false;
    while (!toVisit.isEmpty() && !result) {
      String current = toVisit.pop();
      if (!seen.add(current)) {
        continue;
      }
      Boolean known = memo.get(current);
      if (knownTypes.contains(current.replace('/', '.')) || Boolean.TRUE.equals(known)) {
        result = true;
      } else if (known == null) {
        ClassHeader header = classes.get(current);
        if (header != null) {
          if (header.superName != null) {
            toVisit.push(header.superName);
          }
          toVisit.addAll(List.of(header.interfaces));
        }
      }
    }
    if (result) {
      memo.put(name, true);
    } else {
      // Everything reachable from name is now known not to be a plugin type.
      seen.forEach(visited -> memo.put(visited, false));
    }
    return result;
  }

  private static Set<String> loadKafkaPluginTypes() {
    Set<String> types = new HashSet<>();
    try (InputStream in = ConnectPluginScanner.class.getResourceAsStream("kafka-plugin-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(types::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(types);
  }

  private record ClassHeader(String name, int access, String superName, String[] interfaces) {
    boolean isPublicConcrete() {
      return (access & Opcodes.ACC_PUBLIC) != 0
          && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
    }

    boolean isPublicExtensible() {
      return (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_FINAL) == 0;
    }
  }
}
