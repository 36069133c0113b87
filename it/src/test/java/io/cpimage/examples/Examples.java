package io.cpimage.examples;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The images of the projects under {@code examples/}, which this module's invoker run built (as
 * {@code cp-image-examples/<directory>:1.0}) before the tests start.
 */
final class Examples {
  private Examples() {}

  /** The example's image reference; fails, naming the build log, when the build did not make it. */
  static String image(String directory) {
    String reference = "cp-image-examples/" + directory + ":1.0";
    try {
      DockerClientFactory.instance().client().inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException(
          "Image "
              + reference
              + " is not in the Docker engine: examples/"
              + directory
              + " did not build (see it/target/examples/"
              + directory
              + "/build.log).",
          e);
    }
    return reference;
  }
}
