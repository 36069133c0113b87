package io.cpimage.maven;

/** {@code <auth><username/><password/></auth>}: explicit registry credentials. */
public class Auth {
  /** The registry user name. */
  String username;

  /** The password or token; never written to the image, the report or the log. */
  String password;
}
