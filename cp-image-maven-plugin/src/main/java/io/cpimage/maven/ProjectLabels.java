package io.cpimage.maven;

import io.cpimage.CpImageLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.maven.project.MavenProject;

/**
 * The labels every image gets: Confluent's ({@code io.confluent.docker*}), the OCI ones this build
 * knows (version, revision, created) and {@code io.cpimage.project}.
 */
final class ProjectLabels {
  private ProjectLabels() {}

  static Map<String, String> of(MavenProject project, String buildNumber, Instant created) {
    String revision = git(project, "rev-parse", "HEAD");
    String shortRevision = git(project, "rev-parse", "--short", "HEAD");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.confluent.docker", "true");
    labels.put("io.confluent.docker.git.id", shortRevision);
    labels.put("io.confluent.docker.build.number", buildNumber);
    labels.put("org.opencontainers.image.version", project.getVersion());
    labels.put("org.opencontainers.image.revision", revision);
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

  /** A git answer for the project directory, or {@code unknown} outside git or without git. */
  private static String git(MavenProject project, String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "git";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(project.getBasedir())
              .redirectErrorStream(true)
              .start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && !output.isEmpty()) {
        return output;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}
