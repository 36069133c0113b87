package io.cpimage.maven;

/** {@code <from>}: the base image and how to log in to its registry. */
public class From {
  /** A registry name, {@code docker://name:tag} or {@code tar://path}; required. */
  String image;

  /** Explicit registry credentials. */
  Auth auth;

  /**
   * A Docker credential helper: its name's suffix ({@code gcr} runs docker-credential-gcr) or its
   * path.
   */
  String credHelper;
}
