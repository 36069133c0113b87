package io.cpimage.baseimages;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only when Docker answers and the images of both lines were built. Without
 * Docker the class is skipped with a loud message, or fails when {@code
 * -Dcp-image.requireDocker=true} (CI). A missing image always fails: the tests must never pull.
 */
public final class DockerRequired implements BeforeAllCallback {

  /**
   * For a test whose machine lacks something it needs: skips it loudly, or fails it when {@code
   * -Dcp-image.requireDocker=true} (CI), where nothing may be skipped.
   */
  public static void skipOrFail(String message) {
    if (Boolean.getBoolean("cp-image.requireDocker")) {
      throw new IllegalStateException(message);
    }
    System.err.println("WARNING: SKIPPED: " + message);
    Assumptions.abort(message);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      skipOrFail(
          "No Docker engine: the image scenario tests in "
              + context.getDisplayName()
              + " cannot run (start one with `bash scripts/docker-engine.sh`).");
    }
    for (Line line : Line.values()) {
      for (Images image : line.images()) {
        String reference = line.reference(image);
        if (!CpContainer.isInEngine(reference)) {
          throw new IllegalStateException(
              "Image "
                  + reference
                  + " is not in the Docker engine: build the images first with"
                  + " `./mvnw -pl base-images -am install`.");
        }
      }
    }
  }
}
