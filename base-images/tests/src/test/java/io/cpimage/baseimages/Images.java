package io.cpimage.baseimages;

/** The images this build makes; {@link Line} says which line has which and their tags. */
public enum Images {
  ZOOKEEPER("cp-zookeeper"),
  KAFKA("cp-kafka"),
  KAFKA_CONNECT("cp-kafka-connect");

  private final String imageName;

  Images(String imageName) {
    this.imageName = imageName;
  }

  /** The image's name in its repository, e.g. {@code cp-kafka}. */
  public String imageName() {
    return imageName;
  }

  /** {@code <repository>/<name>:<tag>} of this image on the default line, {@link Line#KAFKA_4}. */
  public String reference() {
    return Line.KAFKA_4.reference(this);
  }
}
