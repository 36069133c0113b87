package io.cpimage.belt.ready;

/** Ends a check early inside this package; its message becomes the result's reason. */
final class NotReadyException extends Exception {

  private static final long serialVersionUID = 1L;

  NotReadyException(String reason) {
    super(reason, null, false, false);
  }
}
