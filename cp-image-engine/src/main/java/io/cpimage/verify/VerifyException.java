package io.cpimage.verify;

import io.cpimage.CpImageException;

/** A {@code verify-ready} setting that cannot be used; the message names it and the fix. */
public class VerifyException extends CpImageException {
  public VerifyException(String message) {
    super(message);
  }
}
