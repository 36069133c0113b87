package io.cpimage.belt.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the class files of a jar that are older than Java 6 (major version 50) to Java 8's
 * format, with the stack map frames that format requires, in place. Run by the build on the
 * executable jar, not part of the CLI.
 *
 * <p>Why: neither JDK 25's AOT cache nor JDK 17's dynamic archive holds a class file older than
 * version 50 (they are verified by the old inference verifier, at each start), and with a
 * superclass outside the cache a subclass stays out too. jinjava's EL engine (juel, shaded as
 * {@code jinjava.de.odysseus.el}, {@code jinjava.javax.el}) and picocli are Java 5 class files, so
 * every {@code dub template} loaded, verified and linked the EL engine and the jinjava classes that
 * extend it from the jar. Only the format changes: the bytecode is the same instructions.
 */
public final class ClassFileUpgrade {

  /** The oldest class-file version that start-up archives hold (Java 6). */
  static final int OLDEST_ARCHIVABLE = Opcodes.V1_6;

  /** The version rewritten classes get: Java 8's, as most of the jar's class files already have. */
  static final int TARGET = Opcodes.V1_8;

  private ClassFileUpgrade() {}

  /** {@code ClassFileUpgrade <jar>}: rewrites the jar in place and prints how many classes. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ClassFileUpgrade <jar>");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    int upgraded = upgrade(jar);
    System.out.println(
        "ClassFileUpgrade: " + upgraded + " class files older than Java 6 rewritten in " + jar);
  }

  /**
   * Rewrites every class file of the jar older than version 50 to version 52 with computed stack
   * map frames; the other entries are copied unchanged, in order, with their times. The jar is
   * replaced only when all classes were rewritten. Returns how many were.
   */
  public static int upgrade(Path jar) throws IOException {
    // Beside the jar, created as the jar was (a temporary file's owner-only permissions would
    // stay).
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".upgrading");
    int upgraded = 0;
    try (JarFile in = new JarFile(jar.toFile(), false);
        URLClassLoader hierarchy =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        OutputStream file = Files.newOutputStream(rewritten);
        JarOutputStream out = new JarOutputStream(file)) {
      for (JarEntry entry : Collections.list(in.entries())) {
        byte[] content;
        try (InputStream stream = in.getInputStream(entry)) {
          content = stream.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && majorVersion(content) < OLDEST_ARCHIVABLE) {
          try {
            content = rewrite(content, hierarchy);
          } catch (RuntimeException e) {
            throw new IllegalStateException(
                entry.getName()
                    + " in "
                    + jar
                    + ": cannot rewrite it to Java 8's class-file format: "
                    + e,
                e);
          }
          upgraded++;
        }
        JarEntry copy = new JarEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(content);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(rewritten);
      throw e;
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    return upgraded;
  }

  static int majorVersion(byte[] classFile) {
    return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
  }

  /**
   * The class at version 52. The frames need the common superclass of types that meet at a branch:
   * {@code hierarchy} loads them (without initializing) from the jar and the JDK; a class it cannot
   * find throws (and fails the build) rather than getting a guessed frame.
   */
  static byte[] rewrite(byte[] classFile, ClassLoader hierarchy) {
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override
          protected ClassLoader getClassLoader() {
            return hierarchy;
          }
        };
    ClassVisitor upgrade =
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version,
              int access,
              String name,
              String signature,
              String superName,
              String[] interfaces) {
            super.visit(TARGET, access, name, signature, superName, interfaces);
          }
        };
    new ClassReader(classFile).accept(upgrade, 0);
    return writer.toByteArray();
  }
}
