package io.cpimage.verify.smoke;

import io.cpimage.CpImageException;

/** The smoke test failed, or could not start: the message names what and how to fix it. */
public class SmokeException extends CpImageException {
  public SmokeException(String message) {
    super(message);
  }

  public SmokeException(String message, Throwable cause) {
    super(message, cause);
  }
}
