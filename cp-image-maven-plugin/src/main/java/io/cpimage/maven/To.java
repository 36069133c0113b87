package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <to>}: where the image goes, its extra tags and credentials. */
public class To {
  /** A registry name (push), {@code docker://name:tag} (load) or {@code tar://path}; required. */
  String image;

  /** Extra tags of the same image. */
  List<String> tags = new ArrayList<>();

  /** The name stored in a tar target; default artifactId:version. */
  String tarImageName;

  /** For a docker:// target without a Docker engine: warn and write only the output tar. */
  boolean daemonOptional;

  /** Explicit registry credentials. */
  Auth auth;

  /**
   * A Docker credential helper: its name's suffix ({@code gcr} runs docker-credential-gcr) or its
   * path.
   */
  String credHelper;
}
