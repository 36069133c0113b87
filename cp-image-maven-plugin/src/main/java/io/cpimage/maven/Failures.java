package io.cpimage.maven;

import io.cpimage.CpImageException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** The one place where every goal turns exceptions into Maven failures. */
final class Failures {
  private Failures() {}

  /**
   * Bad input (our own and the artifact package's messages, which name the parameter and the fix)
   * becomes a build failure with that message; anything else an execution error with its cause.
   */
  static void rethrow(String goal, Exception e)
      throws MojoExecutionException, MojoFailureException {
    if (e instanceof CpImageException) {
      throw new MojoFailureException("cp-image:" + goal + ": " + e.getMessage(), e);
    }
    if (e instanceof MojoFailureException failure) {
      throw failure;
    }
    if (e instanceof MojoExecutionException execution) {
      throw execution;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("cp-image:" + goal + " was interrupted", e);
    }
    throw new MojoExecutionException(
        "cp-image:" + goal + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
  }

  /** Bad input the goal found itself: a build failure with the goal's prefix. */
  static MojoFailureException badInput(String goal, String message) {
    return new MojoFailureException("cp-image:" + goal + ": " + message);
  }

  /** Bad input refused by a value type's constructor, whose message is written for the user. */
  static MojoFailureException badInput(String goal, IllegalArgumentException e) {
    return new MojoFailureException("cp-image:" + goal + ": " + e.getMessage(), e);
  }
}
