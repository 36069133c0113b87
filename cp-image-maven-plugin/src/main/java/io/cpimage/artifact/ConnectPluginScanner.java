package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/** STUB for the parallel artifact branch; the lead replaces it with the real class. */
public final class ConnectPluginScanner {
  private static final Set<String> PLUGIN_TYPES =
      Set.of(
          "org/apache/kafka/connect/source/SourceConnector",
          "org/apache/kafka/connect/sink/SinkConnector",
          "org/apache/kafka/connect/storage/Converter",
          "org/apache/kafka/connect/storage/HeaderConverter",
          "org/apache/kafka/connect/transforms/Transformation",
          "org/apache/kafka/connect/transforms/predicates/Predicate",
          "org/apache/kafka/common/config/provider/ConfigProvider");

  private ConnectPluginScanner() {}

  public static List<String> findPluginClasses(Path directory) throws ArtifactException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
          for (JarEntry entry : jarFile.stream().toList()) {
            if (entry.getName().endsWith(".class")) {
              try (InputStream in = jarFile.getInputStream(entry)) {
                ClassReader reader = new ClassReader(in);
                boolean plugin = PLUGIN_TYPES.contains(reader.getSuperName());
                for (String type : reader.getInterfaces()) {
                  plugin |= PLUGIN_TYPES.contains(type);
                }
                if (plugin && (reader.getAccess() & 0x0400) == 0) {
                  found.add(reader.getClassName().replace('/', '.'));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new ArtifactException("cannot scan " + directory, e);
    }
    return found;
  }
}
