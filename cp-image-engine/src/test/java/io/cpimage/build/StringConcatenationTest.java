package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine is compiled with {@code -XDstringConcat=inline}: no class links a string concatenation
 * through {@code StringConcatFactory}, whose first call sites in Maven's fresh JVM cost a build
 * with nothing changed tens of milliseconds.
 */
class StringConcatenationTest {
  @Test
  void noEngineClassConcatenatesThroughInvokedynamic() throws Exception {
    Path classes =
        Path.of(ImageBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(path -> path.toString().endsWith(".class")).toList();
    }
    assertFalse(files.isEmpty(), "classes in " + classes);
    List<String> linked =
        files.stream()
            .filter(file -> contains(file, "makeConcatWithConstants"))
            .map(classes::relativize)
            .map(Path::toString)
            .toList();
    assertEquals(List.of(), linked);
  }

  private static boolean contains(Path file, String text) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
