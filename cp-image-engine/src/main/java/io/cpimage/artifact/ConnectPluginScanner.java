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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
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

  /**
   * The service types of KIP-898 (Kafka 3.6+): a worker with {@code plugin.discovery=service_load}
   * finds a plugin only through a {@code META-INF/services/<service type>} file naming it. A REST
   * extension or an override policy is found this way in every mode.
   */
  public static final List<String> SERVICE_TYPES =
      List.of(
          "org.apache.kafka.connect.sink.SinkConnector",
          "org.apache.kafka.connect.source.SourceConnector",
          "org.apache.kafka.connect.storage.Converter",
          "org.apache.kafka.connect.storage.HeaderConverter",
          "org.apache.kafka.connect.transforms.Transformation",
          "org.apache.kafka.connect.transforms.predicates.Predicate",
          "org.apache.kafka.common.config.provider.ConfigProvider",
          "org.apache.kafka.connect.rest.ConnectRestExtension",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy");

  private static final String SERVICES_DIRECTORY = "META-INF/services/";

  /** Kafka's own plugin types (binary names), each with the service types it is. */
  private static final Map<String, Set<String>> KAFKA_PLUGIN_TYPES = loadKafkaPluginTypes();

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

  /**
   * What one read of a connector's directory found: its plugin classes (as {@link
   * #findPluginClasses(Path)}), the classes of each service type that a {@link
   * java.util.ServiceLoader} could make (public, concrete, with a public no-argument constructor),
   * and the classes the directory's own {@code META-INF/services} files already name.
   *
   * @param pluginClasses binary names, sorted
   * @param services service type -> binary names, both sorted
   * @param declaredServices service type -> the names its service files in the directory list
   */
  public record Scan(
      List<String> pluginClasses,
      Map<String, Set<String>> services,
      Map<String, Set<String>> declaredServices) {
    public Scan {
      pluginClasses = List.copyOf(pluginClasses);
      services = Map.copyOf(services);
      declaredServices = Map.copyOf(declaredServices);
    }
  }

  /**
   * Reads {@code directory} once for its plugin classes and their service types, with failures
   * reported against the pom element {@code where}.
   */
  public static Scan scanPlugins(Path directory, String where) throws ArtifactException {
    try {
      Contents contents = readClasses(directory);
      Map<String, ClassHeader> classes = contents.classes();
      List<String> plugins =
          new ArrayList<>(
              pluginTypes(classes, KAFKA_PLUGIN_TYPES.keySet(), ClassHeader::isPublicConcrete));
      Set<String> serviceRoots = new HashSet<>(KAFKA_PLUGIN_TYPES.keySet());
      serviceRoots.addAll(SERVICE_TYPES);
      Map<String, Set<String>> services = new TreeMap<>();
      for (String candidate :
          pluginTypes(classes, serviceRoots, ClassHeader::isServiceLoaderProvider)) {
        for (String type : serviceTypesOf(candidate.replace('.', '/'), classes)) {
          services.computeIfAbsent(type, t -> new TreeSet<>()).add(candidate);
        }
      }
      return new Scan(plugins, services, contents.declaredServices());
    } catch (ArtifactException e) {
      throw new ArtifactException(where + ": " + e.getMessage(), e.getCause());
    }
  }

  private static List<String> scan(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = readClasses(directory).classes();
    return new ArrayList<>(
        pluginTypes(classes, KAFKA_PLUGIN_TYPES.keySet(), ClassHeader::isPublicConcrete));
  }

  /** The service types {@code name} (internal name) is, extends or implements. */
  private static Set<String> serviceTypesOf(String name, Map<String, ClassHeader> classes) {
    Set<String> types = new TreeSet<>();
    Deque<String> toVisit = new ArrayDeque<>(List.of(name));
    Set<String> seen = new HashSet<>();
    while (!toVisit.isEmpty()) {
      String current = toVisit.pop();
      String binary = current.replace('/', '.');
      if (!seen.add(current)) {
        continue;
      }
      if (SERVICE_TYPES.contains(binary)) {
        types.add(binary);
      } else if (KAFKA_PLUGIN_TYPES.containsKey(binary)) {
        types.addAll(KAFKA_PLUGIN_TYPES.get(binary));
      } else {
        ClassHeader header = classes.get(current);
        if (header != null) {
          if (header.superName != null) {
            toVisit.push(header.superName);
          }
          toVisit.addAll(List.of(header.interfaces));
        }
      }
    }
    return types;
  }

  /** The classes under a directory, and the service files' entries. */
  private record Contents(
      Map<String, ClassHeader> classes, Map<String, Set<String>> declaredServices) {}

  private static Contents readClasses(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = new HashMap<>();
    Map<String, Set<String>> declared = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ArtifactException("cannot list the files under " + directory + ": " + e, e);
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String relative = directory.relativize(file).toString().replace('\\', '/');
      if (name.endsWith(".jar")) {
        readJar(file, classes, declared);
      } else if (isServiceFile(relative)) {
        try {
          addServices(relative, Files.readAllBytes(file), declared);
        } catch (IOException e) {
          throw new ArtifactException("cannot read the service file " + file + ": " + e, e);
        }
      } else if (name.endsWith(".class") && !name.equals("module-info.class")) {
        try {
          add(Files.readAllBytes(file), file.toString(), classes);
        } catch (IOException e) {
          throw new ArtifactException("cannot read the class file " + file + ": " + e, e);
        }
      }
    }
    return new Contents(classes, declared);
  }

  /** Whether {@code path} (within a jar or directory) is a service file of a plugin type. */
  private static boolean isServiceFile(String path) {
    int at = path.lastIndexOf(SERVICES_DIRECTORY);
    return at >= 0
        && (at == 0 || path.charAt(at - 1) == '/')
        && SERVICE_TYPES.contains(path.substring(at + SERVICES_DIRECTORY.length()));
  }

  /** Adds the provider names of a service file: one a line, {@code #} starts a comment. */
  private static void addServices(String path, byte[] content, Map<String, Set<String>> declared) {
    String type = path.substring(path.lastIndexOf('/') + 1);
    new String(content, StandardCharsets.UTF_8)
        .lines()
        .map(line -> line.indexOf('#') >= 0 ? line.substring(0, line.indexOf('#')) : line)
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .forEach(provider -> declared.computeIfAbsent(type, t -> new TreeSet<>()).add(provider));
  }

  /**
   * The public, extensible types under {@code directory} that are, extend or implement one of
   * {@link #PLUGIN_KINDS}: run on Kafka's own jars, this gives the list of {@code
   * kafka-plugin-types.txt}.
   */
  static Map<String, Set<String>> extensiblePluginTypes(Path directory) throws ArtifactException {
    Map<String, ClassHeader> classes = readClasses(directory).classes();
    Map<String, Set<String>> types = new TreeMap<>();
    for (String type : pluginTypes(classes, PLUGIN_KINDS, ClassHeader::isPublicExtensible)) {
      types.put(type, serviceTypesOf(type.replace('.', '/'), classes));
    }
    return types;
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

  private static void readJar(
      Path jar, Map<String, ClassHeader> classes, Map<String, Set<String>> declared)
      throws ArtifactException {
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
        } else if (!entry.isDirectory()
            && name.startsWith(SERVICES_DIRECTORY)
            && isServiceFile(name)) {
          addServices(name, in.readAllBytes(), declared);
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
    if (!classes.containsKey(reader.getClassName())) {
      int access = reader.getAccess();
      boolean concrete =
          (access & Opcodes.ACC_PUBLIC) != 0
              && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
      classes.put(
          reader.getClassName(),
          new ClassHeader(
              reader.getClassName(),
              access,
              reader.getSuperName(),
              reader.getInterfaces(),
              concrete && hasPublicNoArgConstructor(reader)));
    }
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

  /** Whether a ServiceLoader could make the class: it needs a public no-argument constructor. */
  private static boolean hasPublicNoArgConstructor(ClassReader reader) {
    boolean[] found = {false};
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("<init>")
                && descriptor.equals("()V")
                && (access & Opcodes.ACC_PUBLIC) != 0) {
              found[0] = true;
            }
            return null;
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }

  /** Each line: a type, then the service types it is, comma-separated (none for Connector). */
  private static Map<String, Set<String>> loadKafkaPluginTypes() {
    Map<String, Set<String>> types = new HashMap<>();
    try (InputStream in = ConnectPluginScanner.class.getResourceAsStream("kafka-plugin-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(
              line -> {
                String[] fields = line.split("\\s+", 2);
                types.put(
                    fields[0],
                    fields.length == 1 ? Set.of() : Set.of(fields[1].strip().split(",")));
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(types);
  }

  private record ClassHeader(
      String name,
      int access,
      String superName,
      String[] interfaces,
      boolean isServiceLoaderProvider) {
    boolean isPublicConcrete() {
      return (access & Opcodes.ACC_PUBLIC) != 0
          && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
    }

    boolean isPublicExtensible() {
      return (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_FINAL) == 0;
    }
  }
}
