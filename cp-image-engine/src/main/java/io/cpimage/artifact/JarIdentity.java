package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * What a jar says it is, whatever its file name: the Maven coordinates in {@code
 * META-INF/maven/<g>/<a>/pom.properties} (Maven builds), the OSGi {@code Bundle-SymbolicName} and
 * the {@code Automatic-Module-Name} of its manifest (Gradle builds such as PostgreSQL's driver
 * write only these). Two jars with a name in common are versions of one library.
 */
public final class JarIdentity {
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

  private JarIdentity() {}

  /**
   * The jar's names ({@code maven:g:a}, {@code osgi:name}, {@code module:name}); empty when it
   * declares none or is not a readable zip. A shaded jar, which holds the pom.properties of many
   * artifacts, is named by its manifest only.
   */
  public static Set<String> namesOf(Path jar) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    try (JarFile zip = new JarFile(jar.toFile(), false)) {
      List<? extends ZipEntry> poms =
          zip.stream().filter(e -> POM_PROPERTIES.matcher(e.getName()).matches()).toList();
      if (poms.size() == 1) {
        Properties pom = new Properties();
        try (InputStream in = zip.getInputStream(poms.get(0))) {
          pom.load(in);
        }
        if (pom.getProperty("groupId") != null && pom.getProperty("artifactId") != null) {
          names.add("maven:" + pom.getProperty("groupId") + ":" + pom.getProperty("artifactId"));
        }
      }
      Manifest manifest = zip.getManifest();
      if (manifest != null) {
        Attributes main = manifest.getMainAttributes();
        String bundle = main.getValue("Bundle-SymbolicName");
        if (bundle != null && !bundle.isBlank()) {
          // Directives follow the name: "org.example.x;singleton:=true".
          names.add("osgi:" + bundle.split(";", 2)[0].trim());
        }
        String module = main.getValue("Automatic-Module-Name");
        if (module != null && !module.isBlank()) {
          names.add("module:" + module.trim());
        }
      }
    } catch (ZipException e) {
      return Collections.emptySet();
    }
    return names;
  }

  /**
   * The jars under {@code directory} that are another version of one of {@code libraries} (a name
   * in common, another file), each mapped to the library that supersedes it. A connector archive
   * that bundles a JDBC driver would keep its own copy otherwise, and Kafka Connect loads a
   * plugin's jars in file-name order, so the bundled one could win.
   */
  public static Map<Path, Path> supersededBy(Path directory, List<Path> libraries)
      throws IOException {
    Map<String, Path> libraryByName = new LinkedHashMap<>();
    for (Path library : libraries) {
      for (String name : namesOf(library)) {
        libraryByName.put(name, library);
      }
    }
    Map<Path, Path> superseded = new LinkedHashMap<>();
    if (libraryByName.isEmpty()) {
      return superseded;
    }
    List<Path> jars = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))
          .sorted()
          .forEach(jars::add);
    }
    for (Path jar : jars) {
      for (String name : namesOf(jar)) {
        Path library = libraryByName.get(name);
        if (library != null && !library.getFileName().equals(jar.getFileName())) {
          superseded.put(jar, library);
          break;
        }
      }
    }
    return superseded;
  }
}
