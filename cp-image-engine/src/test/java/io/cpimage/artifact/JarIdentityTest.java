package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarIdentityTest {
  @TempDir Path temp;

  /** A jar with these manifest attributes and, for each "g:a", Maven's pom.properties. */
  private static Path jar(Path file, Map<String, String> manifest, String... coordinates)
      throws IOException {
    Files.createDirectories(file.getParent());
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream zip = new JarOutputStream(out, mf)) {
      for (String ga : coordinates) {
        String[] parts = ga.split(":");
        zip.putNextEntry(
            new ZipEntry("META-INF/maven/" + parts[0] + "/" + parts[1] + "/pom.properties"));
        zip.write(
            ("groupId=" + parts[0] + "\nartifactId=" + parts[1] + "\nversion=1\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  /** PostgreSQL's driver, as its Gradle build packs it: a manifest and no pom.properties. */
  private static Path pgjdbc(Path file) throws IOException {
    return jar(
        file,
        Map.of(
            "Bundle-SymbolicName", "org.postgresql.jdbc",
            "Automatic-Module-Name", "org.postgresql.jdbc"));
  }

  @Test
  void namesFromPomPropertiesAndTheManifest() throws IOException {
    Path maven =
        jar(
            temp.resolve("a.jar"),
            Map.of("Bundle-SymbolicName", "org.example.a;singleton:=true"),
            "org.example:a");
    assertEquals(Set.of("maven:org.example:a", "osgi:org.example.a"), JarIdentity.namesOf(maven));
    assertEquals(
        Set.of("osgi:org.postgresql.jdbc", "module:org.postgresql.jdbc"),
        JarIdentity.namesOf(pgjdbc(temp.resolve("pg.jar"))));
  }

  @Test
  void aShadedJarIsNamedByItsManifestOnlyAndAPlainZipHasNoName() throws IOException {
    assertEquals(
        Set.of(), JarIdentity.namesOf(jar(temp.resolve("shaded.jar"), Map.of(), "g:a", "g:b")));
    assertEquals(
        Set.of(), JarIdentity.namesOf(Files.writeString(temp.resolve("text.jar"), "not a zip")));
  }

  @Test
  void aLibraryOfTheSameNameSupersedesTheBundledVersion() throws IOException {
    Path connector = temp.resolve("debezium-connector-jdbc");
    Path bundled = pgjdbc(connector.resolve("postgresql-42.6.1.jar"));
    jar(
        connector.resolve("lib/mysql-connector-j-9.1.0.jar"),
        Map.of(),
        "com.mysql:mysql-connector-j");
    Path library = pgjdbc(temp.resolve("repo/postgresql-42.7.13.jar"));
    Path unrelated = jar(temp.resolve("repo/other-1.jar"), Map.of(), "com.example:other");

    assertEquals(
        Map.of(bundled, library), JarIdentity.supersededBy(connector, List.of(library, unrelated)));
  }

  @Test
  void theSameFileOrAnotherArtifactIsKept() throws IOException {
    Path connector = temp.resolve("connector");
    pgjdbc(connector.resolve("postgresql-42.7.13.jar"));
    jar(connector.resolve("fork-1.jar"), Map.of(), "com.example.fork:postgresql");
    Path library = pgjdbc(temp.resolve("repo/postgresql-42.7.13.jar"));

    assertEquals(Map.of(), JarIdentity.supersededBy(connector, List.of(library)));
  }
}
