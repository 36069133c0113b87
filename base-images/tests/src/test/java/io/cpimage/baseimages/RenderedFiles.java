package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configuration files a container printed with {@code head -v FILE...} ({@code ==> FILE <==}
 * headers), each as its lines without comments and blank lines: sorted for a {@code .properties}
 * file, whose line order is not part of the contract; in order for a YAML file (log4j2), whose
 * nesting is.
 */
final class RenderedFiles {
  private final Map<String, List<String>> files = new LinkedHashMap<>();

  /** The shell command that prints the files in the format {@link #parse} reads. */
  static String printCommand(String... paths) {
    return "head -v -n 100000 " + String.join(" ", paths);
  }

  /** The files a one-shot run printed; fails, showing its output, unless the run exited 0. */
  static RenderedFiles printedBy(OneShot.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    return parse(result.output());
  }

  static RenderedFiles parse(String output) {
    RenderedFiles rendered = new RenderedFiles();
    String current = null;
    List<String> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("==> ") && line.endsWith(" <==")) {
        if (current != null) {
          rendered.files.put(current, normalized(current, lines));
        }
        current = line.substring(4, line.length() - 4);
        lines = new ArrayList<>();
      } else {
        lines.add(line);
      }
    }
    if (current != null) {
      rendered.files.put(current, normalized(current, lines));
    }
    return rendered;
  }

  /** The lines of a file the container printed; fails when it printed no such file. */
  List<String> of(String path) {
    List<String> lines = files.get(path);
    if (lines == null) {
      throw new AssertionError(
          "the container printed no " + path + "; it printed " + files.keySet());
    }
    return lines;
  }

  /** Fails unless the container printed {@code path} as the golden file {@code name} has it. */
  void assertGolden(String path, String name) {
    assertEquals(golden(name), of(path));
  }

  /** The lines of a golden file under {@code src/test/resources/golden/}, read as {@link #of}. */
  static List<String> golden(String name) {
    try (InputStream in = RenderedFiles.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return normalized(
          name, List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Without comments and blank lines; a properties file's lines stripped and sorted, a YAML file's
   * kept in order with their indentation.
   */
  private static List<String> normalized(String name, List<String> lines) {
    Stream<String> content =
        lines.stream()
            .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
            .map(String::stripTrailing);
    return name.endsWith(".properties")
        ? content.map(String::strip).sorted().toList()
        : content.toList();
  }
}
