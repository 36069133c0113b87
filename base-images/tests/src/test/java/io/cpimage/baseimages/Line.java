package io.cpimage.baseimages;

import java.util.EnumSet;
import java.util.Set;

/**
 * An image line: the images built on one Kafka release, tagged {@code <Kafka version>-<project
 * version>}. Maven's failsafe configuration sets each line's Kafka version and tag as system
 * properties ({@code cp-image.kafka4.version}, {@code cp-image.kafka4.tag}, and the same for {@code
 * kafka3}), from the poms' {@code kafka4.version}, {@code kafka.version} and project version.
 */
public enum Line {
  /** Kafka 4: KRaft only, log4j2, JDK 25; the default line, tagged {@code latest} too. */
  KAFKA_4("kafka4", 25, EnumSet.of(Images.KAFKA, Images.KAFKA_CONNECT)),
  /** Kafka 3.9: ZooKeeper or KRaft mode, log4j 1, JDK 17. */
  KAFKA_3("kafka3", 17, EnumSet.allOf(Images.class));

  private final String key;
  private final int javaVersion;
  private final Set<Images> images;

  Line(String key, int javaVersion, Set<Images> images) {
    this.key = key;
    this.javaVersion = javaVersion;
    this.images = images;
  }

  /** The Kafka release of this line's images, e.g. {@code 4.4.0}. */
  public String kafkaVersion() {
    return property("version");
  }

  /** The tag of this build's images of this line, e.g. {@code 4.4.0-0.1.0-SNAPSHOT}. */
  public String tag() {
    return property("tag");
  }

  /** The feature release of the JDK in the images. */
  public int javaVersion() {
    return javaVersion;
  }

  /** The images this line has (no cp-zookeeper on Kafka 4). */
  public Set<Images> images() {
    return images;
  }

  /**
   * {@code <repository>/<name>:<tag>} of an image of this line, the repository being the pom's
   * {@code images.repository} ({@code cp-image} unless a build chose another).
   */
  public String reference(Images image) {
    if (!images.contains(image)) {
      throw new IllegalArgumentException(this + " has no " + image + " image");
    }
    return requiredProperty("cp-image.images.repository") + "/" + image.imageName() + ":" + tag();
  }

  private String property(String name) {
    return requiredProperty("cp-image." + key + "." + name);
  }

  private static String requiredProperty(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "-D"
              + property
              + " is not set: run the tests through Maven (failsafe sets it from the pom), or pass"
              + " it, e.g. -Dcp-image.kafka4.tag=4.4.0");
    }
    return value;
  }
}
