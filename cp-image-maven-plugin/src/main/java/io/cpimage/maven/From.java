package io.cpimage.maven;

/** {@code <from>}: the base image and how to log in to its registry. */
public class From {
  String image;
  Auth auth;
  String credHelper;
}
