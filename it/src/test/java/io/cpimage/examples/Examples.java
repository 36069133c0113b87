package io.cpimage.examples;

import com.github.dockerjava.api.exception.NotFoundException;
import io.cpimage.images.Line;
import org.testcontainers.DockerClientFactory;

/**
 * The images of the projects under {@code examples/}, which this module's invoker runs built before
 * the tests start: each on its default line, some on the other too. An example's image carries its
 * base's line in the tag, {@code cp-image-examples/<directory>:<Kafka version>-1.0}.
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
    try {
      DockerClientFactory.instance().client().inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      // it/pom.xml's invoker executions clone each example on its default line into
      // target/examples, and on the other line into target/examples-kafka3.
      throw new IllegalStateException(
          "Image "
              + reference
              + " is not in the Docker engine: examples/"
              + directory
              + " did not build on "
              + line
              + " (see build.log in it/target/examples/"
              + directory
              + " or it/target/examples-kafka3/"
              + directory
              + ").",
          e);
    }
    return reference;
  }
}
