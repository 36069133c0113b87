package io.cpimage.maven;

/** {@code <utilityBelt>}: set {@code <skip>true</skip>} to keep the base image's dub and cub. */
public class UtilityBelt {
  boolean skip;
}
