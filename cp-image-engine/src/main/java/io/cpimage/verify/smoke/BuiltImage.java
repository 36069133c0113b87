package io.cpimage.verify.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image {@code cp-image:build} loaded into the local Docker daemon, read from its {@code
 * report.json}: the first {@code docker://} one of {@code image} and {@code outputs}.
 */
public final class BuiltImage {
  private static final String DAEMON = "docker://";

  private BuiltImage() {}

  public static String fromReport(Path report) throws SmokeException {
    if (!Files.isRegularFile(report)) {
      throw new SmokeException(
          "no build report at "
              + report
              + ": the smoke test runs the image this project builds, so run cp-image:build"
              + " first (e.g. `mvn verify -Dcp-image.smoke`, with build bound to package)");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(report.toFile());
    } catch (IOException e) {
      throw new SmokeException(
          "cannot read the build report " + report + " (" + e.getMessage() + "); build again", e);
    }
    if (root.path("image").asText("").startsWith(DAEMON)) {
      return root.path("image").asText().substring(DAEMON.length());
    }
    for (JsonNode output : root.path("outputs")) {
      if (output.asText("").startsWith(DAEMON)) {
        return output.asText().substring(DAEMON.length());
      }
    }
    throw new SmokeException(
        "the image in "
            + report
            + " ("
            + root.path("image").asText()
            + ") was not loaded into the local Docker daemon, so the smoke test cannot start it:"
            + " build it with <to><image>docker://name:tag</image>");
  }
}
