package io.cpimage.artifact;

/** STUB for the parallel artifact branch; the lead replaces it with the real class. */
public class ArtifactException extends Exception {
  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
