package io.cpimage.artifact;

import io.cpimage.CpImageException;

/**
 * An artifact (a connector, library or JDK) could not be fetched, verified, unpacked or scanned.
 *
 * <p>The message is meant for the user as is: it names the pom element the artifact came from, says
 * what was wrong and how to fix it.
 */
public class ArtifactException extends CpImageException {
  private static final long serialVersionUID = 1L;

  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
