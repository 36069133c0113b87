package io.cpimage.build;

import io.cpimage.CpImageException;

/** Bad input or a failed build step; the message names the parameter and the fix. */
public class ImageBuildException extends CpImageException {
  public ImageBuildException(String message) {
    super(message);
  }

  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
