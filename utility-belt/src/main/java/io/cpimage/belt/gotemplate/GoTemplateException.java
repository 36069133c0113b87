package io.cpimage.belt.gotemplate;

/**
 * A Go template that does not parse or fails while it runs: the message starts with the template's
 * name, line and column ({@code template: kafka.properties.template:3:13: ...}), as Go's do.
 */
public final class GoTemplateException extends Exception {

  private static final long serialVersionUID = 1L;

  GoTemplateException(String message) {
    super(message);
  }
}
