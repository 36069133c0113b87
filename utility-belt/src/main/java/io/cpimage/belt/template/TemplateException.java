package io.cpimage.belt.template;

/** A template could not be read or rendered; the message names the file and, if known, the line. */
public final class TemplateException extends Exception {

  private static final long serialVersionUID = 1L;

  TemplateException(String message, Throwable cause) {
    super(message, cause);
  }

  TemplateException(String message) {
    super(message);
  }
}
