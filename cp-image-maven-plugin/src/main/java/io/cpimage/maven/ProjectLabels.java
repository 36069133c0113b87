package io.cpimage.maven;

import io.cpimage.CpImageLabels;
import io.cpimage.artifact.CacheFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.maven.project.MavenProject;

/**
 * The labels every image gets: Confluent's ({@code io.confluent.docker*}), the OCI ones this build
 * knows (version, revision, created) and {@code io.cpimage.project}.
 */
final class ProjectLabels {
  private static final String UNKNOWN = "unknown";

  private ProjectLabels() {}

  /**
   * The labels of {@code project}'s image; {@code revisionFile} keeps git's short form of the last
   * revision seen, so that a build at the same commit starts no {@code git} process.
   */
  static Map<String, String> of(
      MavenProject project, String buildNumber, Instant created, Path revisionFile) {
    Revision revision = Revision.of(project.getBasedir().toPath(), revisionFile);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.confluent.docker", "true");
    labels.put("io.confluent.docker.git.id", revision.abbreviated());
    labels.put("io.confluent.docker.build.number", buildNumber);
    labels.put("org.opencontainers.image.version", project.getVersion());
    labels.put("org.opencontainers.image.revision", revision.full());
    labels.put("org.opencontainers.image.created", created.toString());
    labels.put(CpImageLabels.PROJECT, project.getGroupId() + ":" + project.getArtifactId());
    return labels;
  }

  /** {@code -Dcp-image.buildNumber}, else env BUILD_NUMBER (CI servers set it), else -1. */
  static String buildNumber(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String fromEnvironment = System.getenv("BUILD_NUMBER");
    return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "-1";
  }

  /**
   * HEAD's commit, in full and as {@code git rev-parse --short} abbreviates it ({@code unknown}
   * outside git or without git). The full one is read from git's files ({@link GitHead}); the short
   * one, whose length git chooses from the repository's size, from {@code revisionFile} when it was
   * kept for the same commit. Otherwise one {@code git} process answers both, and the answer is
   * kept when git's files said the same.
   */
  record Revision(String full, String abbreviated) {
    static Revision of(Path directory, Path revisionFile) {
      Map<String, String> environment = System.getenv();
      if (GitHead.outsideRepository(directory, environment)) {
        return new Revision(UNKNOWN, UNKNOWN);
      }
      Optional<String> head = GitHead.revisionOf(directory, environment);
      if (head.isPresent()) {
        Optional<Revision> kept = kept(revisionFile).filter(k -> k.full().equals(head.get()));
        if (kept.isPresent()) {
          return kept.get();
        }
      }
      Revision asked = askGit(directory);
      if (head.isPresent() && head.get().equals(asked.full())) {
        try {
          CacheFiles.write(
              revisionFile,
              (asked.full() + "\n" + asked.abbreviated()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // Only the next build's speed depends on the file.
        }
      }
      return asked;
    }

    private static Optional<Revision> kept(Path revisionFile) {
      return CacheFiles.read(revisionFile)
          .map(CacheFiles::lines)
          .filter(lines -> lines.size() == 2)
          .map(lines -> new Revision(lines.get(0), lines.get(1)));
    }

    /** {@code git rev-parse HEAD --short HEAD} in {@code directory}; unknown when it fails. */
    private static Revision askGit(Path directory) {
      try {
        Process process =
            new ProcessBuilder("git", "rev-parse", "HEAD", "--short", "HEAD")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> lines =
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .strip()
                .lines()
                .toList();
        if (process.waitFor(30, TimeUnit.SECONDS)
            && process.exitValue() == 0
            && lines.size() == 2) {
          return new Revision(lines.get(0), lines.get(1));
        }
      } catch (IOException e) {
        return new Revision(UNKNOWN, UNKNOWN);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Revision(UNKNOWN, UNKNOWN);
    }
  }
}
