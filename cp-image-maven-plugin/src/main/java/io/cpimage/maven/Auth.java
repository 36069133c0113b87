package io.cpimage.maven;

/** {@code <auth><username/><password/></auth>}: explicit registry credentials. */
public class Auth {
  String username;
  String password;
}
