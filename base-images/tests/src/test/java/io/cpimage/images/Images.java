package io.cpimage.images;

/** The images under test: the ones this build made, tagged with the project's version. */
public enum Images {
  ZOOKEEPER("cp-zookeeper"),
  KAFKA("cp-kafka"),
  KAFKA_CONNECT("cp-kafka-connect");

  private final String name;

  Images(String name) {
    this.name = name;
  }

  /** {@code cp-image/<name>:<tag>}; the tag comes from {@code -Dcp-image.images.tag}. */
  public String reference() {
    return "cp-image/" + name + ":" + System.getProperty("cp-image.images.tag", "latest");
  }
}
