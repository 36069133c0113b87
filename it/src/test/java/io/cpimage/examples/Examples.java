package io.cpimage.examples;

import io.cpimage.baseimages.CpContainer;
import io.cpimage.baseimages.Line;

/**
 * The images of the projects under {@code examples/}, which this module's invoker run built before
 * the tests start: each on its default line, some (their invoker.properties says) on the 3.9 line
 * too. An example's image carries its base's line in the tag, {@code
 * cp-image-examples/<directory>:<Kafka version>-1.0}.
 */
final class Examples {
  private static final String EXAMPLES_VERSION = "1.0";

  private Examples() {}

  /**
   * The example's image on {@code line}; fails, naming the build log, when the build did not make
   * it.
   */
  static String image(String directory, Line line) {
    String reference =
        "cp-image-examples/" + directory + ":" + line.kafkaVersion() + "-" + EXAMPLES_VERSION;
    if (!CpContainer.isInEngine(reference)) {
      throw new IllegalStateException(
          "Image "
              + reference
              + " is not in the Docker engine: examples/"
              + directory
              + " did not build on "
              + line
              + " (see it/target/examples/"
              + directory
              + "/build.log).");
    }
    return reference;
  }
}
