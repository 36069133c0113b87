package io.cpimage.ready;

/** A {@code verify-ready} setting that cannot be used; the message names it and the fix. */
public class VerifyException extends Exception {
  public VerifyException(String message) {
    super(message);
  }
}
