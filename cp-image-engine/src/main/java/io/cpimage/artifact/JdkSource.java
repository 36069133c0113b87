package io.cpimage.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the Java home in a JDK or JRE given to {@code <jdk>}: a directory (or an unpacked archive)
 * whose {@code bin/java} sits at its root, or in its single top-level folder (as in the archives
 * that JDK vendors publish, e.g. {@code jdk-17.0.15+6/bin/java}).
 */
public final class JdkSource {
  private JdkSource() {}

  /**
   * The directory holding {@code bin/java}: {@code directory} itself or its only sub-directory.
   *
   * @param where the pom element the JDK came from, named in the message
   */
  public static Path findJavaHome(Path directory, String where) throws ArtifactException {
    if (!Files.isDirectory(directory)) {
      throw new ArtifactException(
          where
              + ": "
              + directory
              + " is not a directory. Point it at a JDK or JRE directory"
              + " (the one holding bin/java), or at a .tar.gz, .tgz or .zip of one.");
    }
    if (hasJava(directory)) {
      return directory;
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(directory)) {
      children = list.sorted().toList();
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot list " + directory + ": " + e, e);
    }
    if (children.size() == 1 && Files.isDirectory(children.get(0)) && hasJava(children.get(0))) {
      return children.get(0);
    }
    String found =
        children.isEmpty()
            ? "it is empty"
            : "it holds "
                + children.stream()
                    .limit(10)
                    .map(child -> child.getFileName().toString())
                    .collect(Collectors.joining(", "))
                + (children.size() > 10 ? ", ..." : "");
    throw new ArtifactException(
        String.format(
            "%s: %s is not a JDK or JRE: there is no bin/java at its root nor in a single"
                + " top-level folder (%s). Point it at the directory that holds bin/java, or at"
                + " the vendor's .tar.gz of a Linux JDK.",
            where, directory, found));
  }

  private static boolean hasJava(Path home) {
    Path java = home.resolve("bin").resolve("java");
    return Files.isRegularFile(java) && Files.isExecutable(java);
  }
}
