package io.cpimage.pom;

import io.cpimage.CpImageException;

/** A pom edit that was refused; the message names the file, the place and the fix. */
public class PomEditException extends CpImageException {

  public PomEditException(String message) {
    super(message);
  }

  public PomEditException(String message, Throwable cause) {
    super(message, cause);
  }
}
