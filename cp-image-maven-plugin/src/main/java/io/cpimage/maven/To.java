package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <to>}: where the image goes, its extra tags and credentials. */
public class To {
  String image;
  List<String> tags = new ArrayList<>();
  String tarImageName;
  boolean daemonOptional;
  Auth auth;
  String credHelper;
}
