package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkSourceTest {
  private static final String WHERE = "<jdk><file>";

  @TempDir Path work;

  private static Path java(Path home, String mode) throws Exception {
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(mode));
    return java;
  }

  @Test
  void findsBinJavaAtTheRoot() throws Exception {
    java(work, "rwxr-xr-x");
    assertEquals(work, JdkSource.findJavaHome(work, WHERE));
  }

  @Test
  void findsBinJavaInTheSingleTopLevelFolderOfAnUnpackedArchive() throws Exception {
    Path home = work.resolve("jdk-17.0.15+6");
    java(home, "rwxr-xr-x");
    assertEquals(home, JdkSource.findJavaHome(work, WHERE));
  }

  @Test
  void findsTheRunningJdksOwnHome() throws Exception {
    // The running JDK's own home is a real JDK layout.
    Path running = Path.of(System.getProperty("java.home"));
    assertEquals(running, JdkSource.findJavaHome(running, WHERE));
  }

  @Test
  void refusesADirectoryWithoutBinJavaNamingWhatItHolds() throws Exception {
    Files.createDirectories(work.resolve("lib"));
    Files.createDirectories(work.resolve("docs"));
    ArtifactException e =
        assertThrows(ArtifactException.class, () -> JdkSource.findJavaHome(work, WHERE));
    assertEquals(
        WHERE
            + ": "
            + work
            + " is not a JDK or JRE: there is no bin/java at its root nor in a single top-level"
            + " folder (it holds docs, lib). Point it at the directory that holds bin/java, or at"
            + " the vendor's .tar.gz of a Linux JDK.",
        e.getMessage());
  }

  @Test
  void refusesTwoTopLevelFoldersEvenIfOneHoldsAJdk() throws Exception {
    java(work.resolve("jdk-17"), "rwxr-xr-x");
    Files.createDirectories(work.resolve("jdk-21"));
    ArtifactException e =
        assertThrows(ArtifactException.class, () -> JdkSource.findJavaHome(work, WHERE));
    assertTrue(e.getMessage().contains("(it holds jdk-17, jdk-21)"), e.getMessage());
  }

  @Test
  void refusesANonExecutableJava() throws Exception {
    java(work, "rw-r--r--");
    assertThrows(ArtifactException.class, () -> JdkSource.findJavaHome(work, WHERE));
  }

  @Test
  void refusesAFileOrAMissingPath() {
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> JdkSource.findJavaHome(work.resolve("missing"), WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }
}
