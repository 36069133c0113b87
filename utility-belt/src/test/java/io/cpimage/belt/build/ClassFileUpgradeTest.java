package io.cpimage.belt.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades a copy of jinjava's own jar, whose shaded EL engine (juel) is made of Java 5 class
 * files: the real classes the executable jar carries.
 */
class ClassFileUpgradeTest {

  @TempDir Path dir;

  private Path jinjavaJar() throws IOException, URISyntaxException {
    Path jar =
        Path.of(
            jinjava.de.odysseus.el.ExpressionFactoryImpl.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    return Files.copy(jar, dir.resolve("jinjava.jar"));
  }

  private static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      for (JarEntry entry : Collections.list(file.entries())) {
        try (InputStream in = file.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static boolean isOld(String name, byte[] content) {
    return name.endsWith(".class")
        && ClassFileUpgrade.majorVersion(content) < ClassFileUpgrade.OLDEST_ARCHIVABLE;
  }

  @Test
  void rewritesOnlyTheOldClassFilesAndKeepsEverythingElse() throws Exception {
    Path jar = jinjavaJar();
    Map<String, byte[]> before = entries(jar);
    long old = before.entrySet().stream().filter(e -> isOld(e.getKey(), e.getValue())).count();
    assertTrue(old > 100, "jinjava's jar should carry the EL engine's Java 5 classes: " + old);

    assertEquals(old, ClassFileUpgrade.upgrade(jar));

    Map<String, byte[]> after = entries(jar);
    assertEquals(before.keySet().stream().toList(), after.keySet().stream().toList(), "order");
    for (Map.Entry<String, byte[]> entry : before.entrySet()) {
      byte[] now = after.get(entry.getKey());
      if (isOld(entry.getKey(), entry.getValue())) {
        assertEquals(ClassFileUpgrade.TARGET, ClassFileUpgrade.majorVersion(now), entry.getKey());
      } else {
        assertArrayEquals(entry.getValue(), now, entry.getKey() + " changed");
      }
    }
    assertFalse(Files.exists(jar.resolveSibling("jinjava.jar.upgrading")));
  }

  /**
   * The stack map frames are right: with them the JVM verifies Java 8 class files by type checking
   * alone (no fallback to the old verifier), so a wrong frame is a VerifyError here.
   */
  @Test
  void theUpgradedElEngineIsVerifiedAndEvaluates() throws Exception {
    Path jar = jinjavaJar();
    ClassFileUpgrade.upgrade(jar);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (Map.Entry<String, byte[]> entry : entries(jar).entrySet()) {
        String name = entry.getKey();
        if (name.startsWith("jinjava/de/odysseus/el/") && name.endsWith(".class")) {
          // Initializing links, and linking verifies.
          Class.forName(name.replace('/', '.').replace(".class", ""), true, loader);
        }
      }
      Class<?> factoryClass =
          Class.forName("jinjava.de.odysseus.el.ExpressionFactoryImpl", true, loader);
      Class<?> contextClass =
          Class.forName("jinjava.de.odysseus.el.util.SimpleContext", true, loader);
      Class<?> elContext = Class.forName("jinjava.javax.el.ELContext", true, loader);
      Object factory = factoryClass.getConstructor().newInstance();
      Object context = contextClass.getConstructor().newInstance();
      Object expression =
          factoryClass
              .getMethod("createValueExpression", elContext, String.class, Class.class)
              .invoke(factory, context, "x${1 + 2 * 3} ${empty ''}", String.class);
      assertEquals(
          "x7 true",
          expression.getClass().getMethod("getValue", elContext).invoke(expression, context));
    }
  }

  @Test
  void aClassItCannotRewriteLeavesTheJarAsItWas() throws Exception {
    Path jar = dir.resolve("broken.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("Broken.class"));
      // A Java 5 header (magic, minor 0, major 49) and a constant pool cut off.
      out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 49, 0});
      out.closeEntry();
    }
    byte[] before = Files.readAllBytes(jar);

    Exception e = assertThrows(Exception.class, () -> ClassFileUpgrade.upgrade(jar));

    assertTrue(e.getMessage().contains("Broken.class"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(jar));
    assertFalse(Files.exists(dir.resolve("broken.jar.upgrading")));
  }
}
