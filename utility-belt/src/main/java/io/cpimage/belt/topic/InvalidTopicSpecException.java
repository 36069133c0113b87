package io.cpimage.belt.topic;

/** A topic file that cannot be used; the message names the file, the topic and what is wrong. */
public final class InvalidTopicSpecException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidTopicSpecException(String message) {
    super(message);
  }
}
