package io.cpimage.maven;

/** {@code <platforms><platform>}: one platform to build, in jib's shape. */
public class PlatformParameter {
  /** The operating system, e.g. {@code linux}. */
  String os;

  /** The architecture, e.g. {@code amd64} or {@code arm64}. */
  String architecture;
}
