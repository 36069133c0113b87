package io.cpimage;

/**
 * What every engine failure the user can fix extends: bad input or a failed step, with a message
 * that names what, where and the fix. The Maven adapter turns any of them into a build failure; any
 * other exception is a bug or an environment fault, reported with its cause.
 */
public abstract class CpImageException extends Exception {
  private static final long serialVersionUID = 1L;

  protected CpImageException(String message) {
    super(message);
  }

  protected CpImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
