package io.cpimage.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * A jar's name and version: the Maven coordinates in its one {@code pom.properties} when it has
 * exactly one (a shaded jar has many, and none of them is the jar), else what its file name says
 * ({@code kafka-clients-4.4.0.jar}).
 */
record JarCoordinates(String groupId, String artifactId, String version) {
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
  private static final Pattern VERSIONED_NAME = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

  /** The coordinates in {@code jar}'s pom.properties; empty when it has none, or not one. */
  static Optional<JarCoordinates> ofJar(Path jar) throws IOException {
    try (JarFile zip = new JarFile(jar.toFile(), false)) {
      List<? extends ZipEntry> poms =
          zip.stream().filter(e -> POM_PROPERTIES.matcher(e.getName()).matches()).toList();
      if (poms.size() != 1) {
        return Optional.empty();
      }
      Properties pom = new Properties();
      try (InputStream in = zip.getInputStream(poms.get(0))) {
        pom.load(in);
      }
      String group = pom.getProperty("groupId");
      String artifact = pom.getProperty("artifactId");
      String version = pom.getProperty("version");
      return group == null || artifact == null || version == null
          ? Optional.empty()
          : Optional.of(new JarCoordinates(group, artifact, version));
    } catch (ZipException e) {
      return Optional.empty();
    }
  }

  /** Name and version from a file name such as {@code kafka_2.13-4.4.0.jar}; no group. */
  static Optional<JarCoordinates> ofFileName(String fileName) {
    Matcher matcher = VERSIONED_NAME.matcher(fileName);
    return matcher.matches()
        ? Optional.of(new JarCoordinates(null, matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }
}
