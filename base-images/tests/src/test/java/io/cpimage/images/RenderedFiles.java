package io.cpimage.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration files a container printed with {@code head -v FILE...} ({@code ==> FILE <==}
 * headers), each as the sorted set of its property lines: line order is not part of the contract
 * and comments are not configuration.
 */
final class RenderedFiles {
  private final Map<String, Set<String>> files = new LinkedHashMap<>();

  /** The shell command that prints the files in the format {@link #parse} reads. */
  static String printCommand(String... paths) {
    return "head -v -n 100000 " + String.join(" ", paths);
  }

  static RenderedFiles parse(String output) {
    RenderedFiles rendered = new RenderedFiles();
    Set<String> current = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("==> ") && line.endsWith(" <==")) {
        current = new TreeSet<>();
        rendered.files.put(line.substring(4, line.length() - 4), current);
      } else if (current != null && isProperty(line)) {
        current.add(line.strip());
      }
    }
    return rendered;
  }

  /** The property lines of a file the container printed; fails when it printed no such file. */
  Set<String> of(String path) {
    Set<String> lines = files.get(path);
    if (lines == null) {
      throw new AssertionError(
          "the container printed no " + path + "; it printed " + files.keySet());
    }
    return lines;
  }

  /** The property lines of a golden file under {@code src/test/resources/golden/}. */
  static Set<String> golden(String name) {
    try (InputStream in = RenderedFiles.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      Set<String> lines = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (isProperty(line)) {
          lines.add(line.strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isProperty(String line) {
    String stripped = line.strip();
    return !stripped.isEmpty() && !stripped.startsWith("#");
  }
}
