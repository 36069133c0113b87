package io.cpimage;

/**
 * The Docker labels through which cp-image's parts find each other's images and containers: the
 * build sets {@link #PROJECT} on every image, smoke mode and the tests set {@link #TESTING} on
 * every container they start, and {@code cp-image:clean} removes what carries both.
 */
public final class CpImageLabels {

  /** {@code groupId:artifactId} of the project whose build made the image. */
  public static final String PROJECT = "io.cpimage.project";

  /** {@code true} on a container a test started, which {@code cp-image:clean} may remove. */
  public static final String TESTING = "io.cpimage.testing";

  /**
   * {@code true} on a container a build created, never started, only to export a base's file tree;
   * the build removes it at once, and {@code cp-image:clean} what a killed build left.
   */
  public static final String EXPORT = "io.cpimage.export";

  private CpImageLabels() {}
}
